package dev.framesmith.testsupport;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The structure every service keeps, checked on its compiled main classes: its feature packages (the direct
 * sub-packages of the service's package) form no cycle, each uses only the features it declares (their public types;
 * the compiler keeps the rest of a package to itself), and every queue listener goes through the one listener
 * mechanism: no method is annotated with Spring Cloud AWS's {@code @SqsListener} itself (or with an annotation of its
 * own that is), no listener container is made by hand, and nothing but that mechanism receives from a queue (a call of
 * a receive, or a method reference to one). A service's
 * {@code StructureTest} extends this with its package and its declared dependencies, and adds rules of its own on
 * {@link #classes()}.
 */
public abstract class Structure {

    /** Where {@code @QueueListener} lives: the listener containers it configures are the only receivers. */
    private static final String LISTENER_MECHANISM = "dev.framesmith.support.messaging";
    private static final String QUEUE_LISTENER = LISTENER_MECHANISM + ".QueueListener";
    private static final String SQS_LISTENER = "io.awspring.cloud.sqs.annotation.SqsListener";
    private static final String CONTAINER = "io.awspring.cloud.sqs.listener.SqsMessageListenerContainer";

    /**
     * A receive from SQS: {@code SqsTemplate}'s (and its interfaces') {@code receive*}, the SDK clients' (and the batch
     * manager's) {@code receiveMessage}. Named by owner and name: the library's classes are not imported (see
     * archunit.properties), only what the service's code calls or references.
     */
    private static final DescribedPredicate<AccessTarget> RECEIVE_FROM_SQS = DescribedPredicate.describe(
            "a receive from SQS (SqsTemplate.receive*, SqsAsyncClient or SqsClient.receiveMessage)",
            target -> {
                String owner = target.getOwner().getPackageName();
                return owner.equals("io.awspring.cloud.sqs.operations") && target.getName().startsWith("receive")
                        || (owner + ".").startsWith("software.amazon.awssdk.services.sqs.")
                        && target.getName().equals("receiveMessage");
            });
    /**
     * A listener container made by hand: constructed, built or asked of a container factory ({@code createContainer}).
     * Configuring a factory for {@code @QueueListener} to use is not this.
     */
    private static final DescribedPredicate<AccessTarget> CONTAINER_BY_HAND = DescribedPredicate.describe(
            "a listener container made by hand (SqsMessageListenerContainer's constructor or builder(), a factory's"
                    + " createContainer)",
            target -> {
                String owner = target.getOwner().getName();
                return owner.equals(CONTAINER) && (target.getName().equals("<init>") || target.getName().equals("builder"))
                        || owner.startsWith("io.awspring.cloud.sqs.") && target.getName().equals("createContainer");
            });

    private final String base;
    private final Map<String, Set<String>> allowed;
    private final JavaClasses classes;

    /**
     * @param basePackage the service's package, e.g. {@code dev.framesmith.video}
     * @param allowed     every feature package, with the features it may use: a new package, or a new dependency
     *                    between packages, is a decision made here
     */
    protected Structure(String basePackage, Map<String, Set<String>> allowed) {
        this(basePackage, allowed, new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage));
    }

    /** The rules on classes imported otherwise (the rules' own tests check them on fixtures). */
    Structure(String basePackage, Map<String, Set<String>> allowed, JavaClasses classes) {
        this.base = basePackage;
        this.allowed = allowed;
        this.classes = classes;
    }

    protected JavaClasses classes() {
        return classes;
    }

    @Test
    public void noFeaturePackageDependsOnItselfThroughOthers() {
        slices().matching(base + ".(*)..").namingSlices("$1").should().beFreeOfCycles().check(classes);
    }

    @Test
    public void eachFeatureUsesOnlyWhatItDeclares() {
        Set<String> features = new TreeSet<>();
        Set<String> violations = new TreeSet<>();
        for (JavaClass type : classes) {
            Optional<String> from = feature(type);
            from.ifPresent(features::add);
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                Optional<String> to = feature(dependency.getTargetClass());
                if (from.isPresent() && to.isPresent() && !from.equals(to)
                        && !allowed.getOrDefault(from.get(), Set.of()).contains(to.get())) {
                    violations.add(from.get() + " -> " + to.get() + ": " + dependency.getDescription());
                }
            }
        }
        assertThat(allowed.keySet()).as("the feature packages of %s", base)
                .containsExactlyInAnyOrderElementsOf(features);
        assertThat(violations).as("dependencies between feature packages that are not declared").isEmpty();
    }

    @Test
    public void everyQueueListenerUsesTheOneMechanism() {
        CompositeArchRule
                .of(noMethods().should().beAnnotatedWith(SQS_LISTENER)
                        .because("every queue listener uses " + QUEUE_LISTENER)
                        .allowEmptyShould(true))
                .and(noMethods().that().areNotAnnotatedWith(QUEUE_LISTENER).should().beMetaAnnotatedWith(SQS_LISTENER)
                        .because("every queue listener uses " + QUEUE_LISTENER + ", not an annotation of its own")
                        .allowEmptyShould(true))
                .and(noClasses().that().resideOutsideOfPackage(LISTENER_MECHANISM)
                        .should().accessTargetWhere(target(CONTAINER_BY_HAND))
                        .because("the listener containers are those " + QUEUE_LISTENER + " configures")
                        .allowEmptyShould(true))
                .and(noClasses().that().resideOutsideOfPackage(LISTENER_MECHANISM)
                        .should().accessTargetWhere(target(RECEIVE_FROM_SQS))
                        .because("a message is received by a @QueueListener method, which continues its trace, "
                                + "dead-letters it when unreadable and acknowledges it")
                        .allowEmptyShould(true))
                .check(classes);
    }

    private Optional<String> feature(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(base + ".")) {
            return Optional.empty();
        }
        String rest = name.substring(base.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }
}
