package dev.framesmith.deploychecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GitHub Actions expressions ({@code if:} conditions) evaluated as the runner does: literals, context property
 * access ({@code github.event.workflow_run.event}, {@code vars['X']}), {@code ! == != < <= > >= && ||}, and the
 * functions {@code contains}, {@code startsWith}, {@code endsWith} and the job status functions. Equality is
 * GitHub's loose equality (strings ignore case, mixed types compare as numbers); {@code &&} and {@code ||} return
 * one of their operands. Anything else is refused, so a condition is never guessed at.
 */
public final class ActionsExpression {

    /** What a status function ({@code success()}, {@code always()}, ...) returns for the job being evaluated. */
    public interface Status {
        boolean call(String function);
    }

    private final String text;
    private final Map<String, Object> contexts;
    private final Status status;
    private int position;

    private ActionsExpression(String text, Map<String, Object> contexts, Status status) {
        this.text = text;
        this.contexts = contexts;
        this.status = status;
    }

    /** The value of an {@code if:} condition ({@code ${{ }}} optional) in the given contexts. */
    public static Object evaluate(String condition, Map<String, Object> contexts, Status status) {
        String expression = condition.strip();
        if (expression.startsWith("${{") && expression.endsWith("}}")) {
            expression = expression.substring(3, expression.length() - 2);
        }
        ActionsExpression parser = new ActionsExpression(expression, contexts, status);
        Object value = parser.or();
        parser.skipSpaces();
        if (parser.position != parser.text.length()) {
            throw parser.error("unexpected input");
        }
        return value;
    }

    /** Whether the expression's functions include a status function: then GitHub does not add {@code success()}. */
    public static boolean checksStatus(String condition) {
        String lower = condition.toLowerCase(Locale.ROOT).replaceAll("'(?:[^']|'')*'", "''");
        return List.of("success(", "always(", "failure(", "cancelled(").stream()
                .anyMatch(f -> lower.matches("(?s).*\\b" + java.util.regex.Pattern.quote(f) + ".*"));
    }

    public static boolean truthy(Object value) {
        if (value == null || value instanceof Boolean b && !b) {
            return false;
        }
        if (value instanceof Double d) {
            return d != 0 && !d.isNaN();
        }
        return !(value instanceof String s) || !s.isEmpty();
    }

    private Object or() {
        Object left = and();
        while (accept("||")) {
            Object right = and();
            left = truthy(left) ? left : right;
        }
        return left;
    }

    private Object and() {
        Object left = comparison();
        while (accept("&&")) {
            Object right = comparison();
            left = truthy(left) ? right : left;
        }
        return left;
    }

    private Object comparison() {
        Object left = unary();
        while (true) {
            if (accept("==")) {
                left = looselyEqual(left, unary());
            } else if (accept("!=")) {
                left = !looselyEqual(left, unary());
            } else if (accept("<=")) {
                left = number(left) <= number(unary());
            } else if (accept(">=")) {
                left = number(left) >= number(unary());
            } else if (accept("<")) {
                left = number(left) < number(unary());
            } else if (accept(">")) {
                left = number(left) > number(unary());
            } else {
                return left;
            }
        }
    }

    private Object unary() {
        if (accept("!")) {
            return !truthy(unary());
        }
        return postfix(primary());
    }

    private Object primary() {
        skipSpaces();
        if (accept("(")) {
            Object value = or();
            expect(")");
            return value;
        }
        if (peek() == '\'') {
            return string();
        }
        if (Character.isDigit(peek()) || peek() == '-') {
            int start = position;
            position++;
            while (position < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '.')) {
                position++;
            }
            return Double.parseDouble(text.substring(start, position));
        }
        String name = identifier();
        skipSpaces();
        if (peek() == '(') {
            position++;
            List<Object> arguments = new ArrayList<>();
            skipSpaces();
            if (!accept(")")) {
                do {
                    arguments.add(or());
                } while (accept(","));
                expect(")");
            }
            return function(name.toLowerCase(Locale.ROOT), arguments);
        }
        return switch (name) {
            case "true" -> true;
            case "false" -> false;
            case "null" -> null;
            default -> {
                if (!contexts.containsKey(name)) {
                    throw error("unknown context " + name);
                }
                yield contexts.get(name);
            }
        };
    }

    private Object postfix(Object value) {
        Object current = value;
        while (true) {
            skipSpaces();
            if (peek() == '.') {
                position++;
                current = property(current, identifier());
            } else if (peek() == '[') {
                position++;
                Object key = or();
                expect("]");
                current = property(current, key instanceof Double d ? String.valueOf(d.intValue()) : String.valueOf(key));
            } else {
                return current;
            }
        }
    }

    private static Object property(Object object, String name) {
        if (object instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (String.valueOf(entry.getKey()).equalsIgnoreCase(name)) {
                    return entry.getValue();
                }
            }
            return null;
        }
        if (object instanceof AnyKey any) {
            return any.value();
        }
        if (object instanceof List<?> list && name.matches("\\d+")) {
            int index = Integer.parseInt(name);
            return index < list.size() ? list.get(index) : null;
        }
        return null;
    }

    /** A context whose every property has the same value ({@code vars} of a repository that configured them all). */
    public record AnyKey(Object value) {
    }

    private Object function(String name, List<Object> arguments) {
        return switch (name) {
            case "success", "always", "failure", "cancelled" -> {
                if (!arguments.isEmpty()) {
                    throw error(name + "() takes no arguments");
                }
                yield status.call(name);
            }
            case "contains" -> {
                Object haystack = argument(arguments, 0, 2, name);
                Object needle = arguments.get(1);
                yield haystack instanceof List<?> list
                        ? list.stream().anyMatch(item -> looselyEqual(item, needle))
                        : text(haystack).toLowerCase(Locale.ROOT).contains(text(needle).toLowerCase(Locale.ROOT));
            }
            case "startswith" -> text(argument(arguments, 0, 2, name)).toLowerCase(Locale.ROOT)
                    .startsWith(text(arguments.get(1)).toLowerCase(Locale.ROOT));
            case "endswith" -> text(argument(arguments, 0, 2, name)).toLowerCase(Locale.ROOT)
                    .endsWith(text(arguments.get(1)).toLowerCase(Locale.ROOT));
            default -> throw error("function " + name + "() is not supported");
        };
    }

    private Object argument(List<Object> arguments, int index, int count, String function) {
        if (arguments.size() != count) {
            throw error(function + "() takes " + count + " arguments");
        }
        return arguments.get(index);
    }

    static boolean looselyEqual(Object left, Object right) {
        if (left == null && right == null) {
            return true;
        }
        if (left instanceof String a && right instanceof String b) {
            return a.equalsIgnoreCase(b);
        }
        if (compound(left) || compound(right)) {
            return left == right;
        }
        return number(left) == number(right);
    }

    private static boolean compound(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?> || value instanceof AnyKey;
    }

    static double number(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof String s) {
            if (s.isBlank()) {
                return 0;
            }
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && d == Math.rint(d)) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        position++;
        while (true) {
            if (position >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(position++);
            if (c == '\'') {
                if (position < text.length() && text.charAt(position) == '\'') {
                    out.append('\'');
                    position++;
                } else {
                    return out.toString();
                }
            } else {
                out.append(c);
            }
        }
    }

    private String identifier() {
        skipSpaces();
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '-')) {
            position++;
        }
        if (start == position) {
            throw error("expected a name");
        }
        return text.substring(start, position);
    }

    private boolean accept(String token) {
        skipSpaces();
        if (text.startsWith(token, position)) {
            if (token.equals("!") && text.startsWith("!=", position)) {
                return false;
            }
            if ((token.equals("<") || token.equals(">")) && text.startsWith(token + "=", position)) {
                return false;
            }
            position += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("expected " + token);
        }
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at " + position + " in: " + text.strip());
    }
}
