package dev.framesmith.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@link Structure} rules fail on what they forbid, shown on fixture packages: {@code orders} and
 * {@code billing} use each other, and {@code billing} uses {@code shipping} without declaring it; each package of
 * {@code listenerfixture} listens to a queue one way.
 */
class StructureRulesTest {

    private static final String FIXTURE = "dev.framesmith.testsupport.structurefixture";
    private static final String LISTENERS = "dev.framesmith.testsupport.listenerfixture";

    private static Structure declaring(Map<String, Set<String>> allowed) {
        return new Structure(FIXTURE, allowed, new ClassFileImporter().importPackages(FIXTURE)) {
        };
    }

    private static Structure listening(String fixture) {
        return new Structure(LISTENERS, Map.of(), new ClassFileImporter().importPackages(LISTENERS + "." + fixture)) {
        };
    }

    @Test
    void aCycleBetweenFeaturePackagesFails() {
        Structure structure = declaring(Map.of("orders", Set.of("billing", "shipping"),
                "billing", Set.of("orders", "shipping"), "shipping", Set.of()));

        assertThatThrownBy(structure::noFeaturePackageDependsOnItselfThroughOthers).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected").hasMessageContaining("orders").hasMessageContaining("billing");
        assertThatCode(structure::eachFeatureUsesOnlyWhatItDeclares).as("every dependency is declared here")
                .doesNotThrowAnyException();
    }

    @Test
    void aDependencyNotDeclaredFailsAndNamesIt() {
        Structure structure = declaring(Map.of("orders", Set.of("billing"), "billing", Set.of("orders"),
                "shipping", Set.of()));

        assertThatThrownBy(structure::eachFeatureUsesOnlyWhatItDeclares).isInstanceOf(AssertionError.class)
                .hasMessageContaining("billing -> shipping");
    }

    @Test
    void aFeaturePackageNotDeclaredFails() {
        Structure structure = declaring(Map.of("orders", Set.of("billing", "shipping"),
                "billing", Set.of("orders", "shipping")));

        assertThatThrownBy(structure::eachFeatureUsesOnlyWhatItDeclares).isInstanceOf(AssertionError.class)
                .hasMessageContaining("shipping");
    }

    @Test
    void aMethodAnnotatedWithSqsListenerDirectlyFails() {
        Structure structure = listening("direct");

        assertThatThrownBy(structure::everyQueueListenerUsesTheOneMechanism).isInstanceOf(AssertionError.class)
                .hasMessageContaining("DirectListener.on(java.lang.String)").hasMessageContaining("@SqsListener");
    }

    @Test
    void receivingThroughSqsTemplateOutsideTheMechanismFails() {
        Structure structure = listening("template");

        assertThatThrownBy(structure::everyQueueListenerUsesTheOneMechanism).isInstanceOf(AssertionError.class)
                .hasMessageContaining("TemplatePoller.next()").hasMessageContaining("SqsTemplate.receive(")
                .hasMessageContaining("TemplatePoller.batch()").hasMessageContaining("SqsTemplate.receiveMany(");
    }

    @Test
    void receivingThroughAnSqsClientOutsideTheMechanismFailsAndSendingDoesNot() {
        Structure structure = listening("client");

        assertThatThrownBy(structure::everyQueueListenerUsesTheOneMechanism).isInstanceOf(AssertionError.class)
                .hasMessageContaining("ClientPoller.nextAsync()").hasMessageContaining("SqsAsyncClient.receiveMessage(")
                .hasMessageContaining("ClientPoller.next()").hasMessageContaining("SqsClient.receiveMessage(")
                .hasMessageNotContaining("sendMessage");
    }

    @Test
    void aMethodReferenceToAReceiveFails() {
        Structure structure = listening("reference");

        assertThatThrownBy(structure::everyQueueListenerUsesTheOneMechanism).isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReferencePoller.receiver(")
                .hasMessageContaining("SqsAsyncClient.receiveMessage(");
    }

    @Test
    void aListenerAnnotationOfItsOwnThatIsSqsListenerFails() {
        Structure structure = listening("meta");

        assertThatThrownBy(structure::everyQueueListenerUsesTheOneMechanism).isInstanceOf(AssertionError.class)
                .hasMessageContaining("MetaListener.on(java.lang.String)").hasMessageContaining("meta-annotated");
    }

    @Test
    void aListenerContainerMadeByHandFails() {
        Structure structure = listening("container");

        assertThatThrownBy(structure::everyQueueListenerUsesTheOneMechanism).isInstanceOf(AssertionError.class)
                .hasMessageContaining("ContainerPoller.built()").hasMessageContaining("SqsMessageListenerContainer.builder(")
                .hasMessageContaining("ContainerPoller.constructed()")
                .hasMessageContaining("ContainerPoller.fromTheFactory()").hasMessageContaining("createContainer(");
    }
}
