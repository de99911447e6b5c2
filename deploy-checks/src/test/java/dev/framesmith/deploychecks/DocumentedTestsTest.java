package dev.framesmith.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documents prove their promises by naming tests (the security review maps each control to its test, the
 * reliability document each fault to its own): every test they name exists. A name is written in backquotes as
 * {@code SomeTest.someMethod}, or {@code .someMethod} for another method of the class named just before; a class
 * alone ({@code SomeIT}) names the class.
 */
class DocumentedTestsTest {

    /** Fenced code blocks: their backquotes are no quotes. */
    private static final Pattern CODE_BLOCK = Pattern.compile("(?ms)^\\s*```.*?^\\s*```");
    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");
    private static final Pattern CLASS_AND_METHOD = Pattern.compile("([A-Z][a-z]\\w*(?:Test|IT))(?:\\.(\\w+))?(?:\\(\\))?");
    private static final Pattern SAME_CLASS_METHOD = Pattern.compile("\\.(\\w+)(?:\\(\\))?");

    /** A test a document names. */
    record Reference(String document, String testClass, String method) {
    }

    @Test
    void everyTestADocumentNamesExists() {
        Map<String, String> sources = testSources();
        List<Reference> references = new ArrayList<>();
        for (Path document : documents()) {
            references.addAll(references(Repository.ROOT.relativize(document).toString(), Yaml.read(document)));
        }

        assertThat(references).as("tests named by the documents").hasSizeGreaterThan(200);
        assertThat(references.stream().filter(reference -> !exists(reference, sources))
                .map(reference -> reference.document() + " names " + reference.testClass()
                        + (reference.method() == null ? "" : "." + reference.method())))
                .as("tests the documents name that do not exist").isEmpty();
    }

    private static boolean exists(Reference reference, Map<String, String> sources) {
        String source = sources.get(reference.testClass());
        return source != null && (reference.method() == null
                || Pattern.compile("\\b" + Pattern.quote(reference.method()) + "\\s*\\(").matcher(source).find());
    }

    @Test
    void aRenamedTestIsCaught() {
        List<Reference> references = references("doc.md", "proved by `LoginTest.theVictimLogsIn`, `.aMethod` and "
                + "`BrowserIT`; `framesmith.x`, `WAIT` and `.yml` are no tests\n```bash\nrun `FooTest`\n```\n");

        assertThat(references).containsExactly(new Reference("doc.md", "LoginTest", "theVictimLogsIn"),
                new Reference("doc.md", "LoginTest", "aMethod"), new Reference("doc.md", "BrowserIT", null));
        Map<String, String> sources = testSources();
        assertThat(exists(references.get(0), sources)).isFalse();
        assertThat(exists(new Reference("doc.md", "LoginTest", "twentyFailuresFromOneAddressLockThatAddress"),
                sources)).isTrue();
    }

    static List<Reference> references(String document, String text) {
        List<Reference> references = new ArrayList<>();
        String lastClass = null;
        Matcher quoted = QUOTED.matcher(CODE_BLOCK.matcher(text).replaceAll(""));
        while (quoted.find()) {
            Matcher named = CLASS_AND_METHOD.matcher(quoted.group(1));
            Matcher continued = SAME_CLASS_METHOD.matcher(quoted.group(1));
            if (named.matches()) {
                lastClass = named.group(1);
                references.add(new Reference(document, lastClass, named.group(2)));
            } else if (continued.matches() && lastClass != null && isMethodName(continued.group(1))) {
                references.add(new Reference(document, lastClass, continued.group(1)));
            }
        }
        return references;
    }

    /** A test method's name is camel case ({@code .yml}, {@code .env} are not). */
    private static boolean isMethodName(String name) {
        return Character.isLowerCase(name.charAt(0)) && name.chars().anyMatch(Character::isUpperCase);
    }

    /** README.md, docs/*.md and each module's README.md. */
    private static List<Path> documents() {
        List<Path> documents = new ArrayList<>(List.of(Repository.path("README.md")));
        try (Stream<Path> docs = Files.list(Repository.path("docs")); Stream<Path> modules = Files.list(Repository.ROOT)) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
            modules.map(module -> module.resolve("README.md")).filter(Files::isRegularFile).sorted()
                    .forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** The test sources of every module by class name (the sources of classes of the same name joined). */
    private static Map<String, String> testSources() {
        Map<String, String> sources = new HashMap<>();
        try (Stream<Path> files = Files.walk(Repository.ROOT)) {
            files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> path.toString().contains("/src/test/java/"))
                    .filter(path -> !path.toString().contains("/target/") && !path.toString().contains("/node_modules/"))
                    .forEach(path -> sources.merge(path.getFileName().toString().replace(".java", ""), Yaml.read(path),
                            String::concat));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }
}
