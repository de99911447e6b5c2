package dev.framesmith.testsupport.listenerfixture.meta;

/** A fixture of {@code StructureRulesTest}: a queue listener that bypasses {@code @QueueListener} through an annotation. */
class MetaListener {

    @OwnListener("jobs")
    void on(String body) {
    }
}
