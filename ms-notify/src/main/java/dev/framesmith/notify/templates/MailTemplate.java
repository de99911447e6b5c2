package dev.framesmith.notify.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;

/**
 * A text resource with {@code {{name}}} placeholders, filled in one pass: a value that itself
 * contains {@code {{...}}} is never expanded again. The caller escapes values for the part's format.
 */
final class MailTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");

    private final String name;
    private final String source;
    private final Set<String> placeholders;

    private MailTemplate(String name, String source) {
        this.name = name;
        this.source = source;
        this.placeholders = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(source);
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }
    }

    static boolean exists(String resource) {
        return new ClassPathResource(resource).exists();
    }

    static String read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("mail template " + resource + " cannot be read", e);
        }
    }

    static MailTemplate of(String name, String source) {
        return new MailTemplate(name, source);
    }

    Set<String> placeholders() {
        return placeholders;
    }

    String render(Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(source);
        StringBuilder out = new StringBuilder(source.length() + 512);
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("mail template " + name + " needs a value for " + matcher.group(1));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
