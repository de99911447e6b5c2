package dev.framesmith.emulators.client;

/** One kit for all smoke tests of this JVM; its own shutdown hook stops it when the JVM exits. */
final class SharedKit {

    private static RunningKit kit;

    private SharedKit() {
    }

    static synchronized Endpoints endpoints() {
        if (kit == null) {
            kit = EmulatorKit.start();
        }
        return kit.endpoints();
    }
}
