package dev.framesmith.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The structure every service keeps, checked on its compiled main classes: its feature packages (the direct
 * sub-packages of the service's package) form no cycle, each uses only the features it declares (their public types;
 * the compiler keeps the rest of a package to itself), and every queue listener goes through the one listener
 * mechanism. A service's {@code StructureTest} extends this with its package and its declared dependencies, and adds
 * rules of its own on {@link #classes()}.
 */
public abstract class Structure {

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
        noMethods().should().beAnnotatedWith("io.awspring.cloud.sqs.annotation.SqsListener")
                .because("every queue listener uses dev.framesmith.support.messaging.QueueListener")
                .allowEmptyShould(true)
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
