package dev.framesmith.deploychecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * IAM policy statements read from Terraform {@code aws_iam_policy_document} data sources, with every reference
 * (variables, locals, resource attributes) bound to a concrete example ARN, and IAM's evaluation of them: an
 * explicit deny wins, then any allow; {@code *} and {@code ?} match as in IAM, actions case-insensitively.
 */
public final class IamPolicy {

    /** A {@code condition} block: the operator, the request context key and the values it is compared with. */
    public record Condition(String test, String variable, List<String> values) {

        /**
         * IAM's evaluation: a key missing from the request matches no value, so the condition is false, but true
         * for a negated operator ({@code StringNotLike}, {@code ArnNotEquals}, ...) and for "...IfExists";
         * {@code Null} tests only whether the key is absent.
         */
        boolean holds(Map<String, String> context) {
            boolean ifExists = test.endsWith("IfExists");
            String operator = ifExists ? test.substring(0, test.length() - 8) : test;
            String actual = context.get(variable);
            if (operator.equals("Null")) {
                return values.stream().anyMatch(v -> v.equalsIgnoreCase(String.valueOf(actual == null)));
            }
            if (actual == null) {
                return ifExists || operator.contains("Not");
            }
            return switch (operator) {
                case "StringEquals", "ArnEquals" -> values.contains(actual);
                case "StringNotEquals", "ArnNotEquals" -> !values.contains(actual);
                case "StringEqualsIgnoreCase" -> values.stream().anyMatch(actual::equalsIgnoreCase);
                case "StringLike", "ArnLike" -> values.stream().anyMatch(v -> glob(v).matcher(actual).matches());
                case "StringNotLike", "ArnNotLike" -> values.stream().noneMatch(v -> glob(v).matcher(actual).matches());
                case "Bool" -> values.stream().anyMatch(v -> v.equalsIgnoreCase(actual));
                default -> throw new IllegalArgumentException("condition operator " + test + " is not evaluated here");
            };
        }
    }

    /** One statement; an empty {@code notResources} means the statement uses {@code resources}. */
    public record Statement(String document, String sid, boolean allow, List<String> actions, List<String> resources,
            List<String> notResources, List<Condition> conditions) {

        public Statement(String document, String sid, boolean allow, List<String> actions, List<String> resources,
                List<String> notResources) {
            this(document, sid, allow, actions, resources, notResources, List.of());
        }

        boolean matches(String action, String resource, Map<String, String> context) {
            boolean actionMatches = actions.stream().anyMatch(pattern -> glob(pattern.toLowerCase(Locale.ROOT))
                    .matcher(action.toLowerCase(Locale.ROOT)).matches());
            boolean resourceMatches = notResources.isEmpty()
                    ? resources.stream().anyMatch(pattern -> glob(pattern).matcher(resource).matches())
                    : notResources.stream().noneMatch(pattern -> glob(pattern).matcher(resource).matches());
            return actionMatches && resourceMatches && conditions.stream().allMatch(c -> c.holds(context));
        }

        String name() {
            return document + (sid.isEmpty() ? "" : "." + sid);
        }
    }

    private static final java.util.Set<String> STATEMENT_ATTRIBUTES = java.util.Set.of("sid", "effect", "actions",
            "resources", "not_resources");

    private final List<Statement> statements;

    public IamPolicy(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    public List<Statement> statements() {
        return statements;
    }

    public boolean allows(String action, String resource) {
        return allows(action, resource, Map.of());
    }

    /** IAM's decision for a request with these condition keys: an explicit deny wins, then any allow. */
    public boolean allows(String action, String resource, Map<String, String> context) {
        boolean denied = statements.stream().anyMatch(s -> !s.allow() && s.matches(action, resource, context));
        return !denied && statements.stream().anyMatch(s -> s.allow() && s.matches(action, resource, context));
    }

    public IamPolicy and(IamPolicy other) {
        List<Statement> all = new ArrayList<>(statements);
        all.addAll(other.statements);
        return new IamPolicy(all);
    }

    /**
     * The statements of {@code data "aws_iam_policy_document" "<name>"} in the file, references resolved by
     * {@code bind} (which gets {@code var.x}, {@code var.x["k"]}, {@code aws_s3_bucket.state.arn}, ...) and the
     * file's {@code locals}.
     */
    public static IamPolicy document(Hcl hcl, String name, Function<String, List<String>> bind) {
        Map<String, String> locals = new java.util.LinkedHashMap<>();
        hcl.blocks("locals").forEach(block -> locals.putAll(hcl.attributeValues(block)));
        Function<String, List<String>> resolve = new Function<>() {
            @Override
            public List<String> apply(String reference) {
                if (reference.startsWith("local.") && locals.containsKey(reference.substring(6))) {
                    return evaluate(locals.get(reference.substring(6)), this);
                }
                return bind.apply(reference);
            }
        };
        List<Statement> statements = new ArrayList<>();
        for (Hcl.Block data : hcl.blocks("data")) {
            if (!data.label(0).equals("aws_iam_policy_document") || !data.label(1).equals(name)) {
                continue;
            }
            for (Hcl.Block statement : hcl.blocks(data)) {
                if (!statement.type().equals("statement")) {
                    continue;
                }
                Map<String, String> values = hcl.attributeValues(statement);
                for (String attribute : values.keySet()) {
                    if (!STATEMENT_ATTRIBUTES.contains(attribute)) {
                        throw new IllegalArgumentException("statement of " + name + " sets " + attribute
                                + ", which this check does not evaluate");
                    }
                }
                List<Condition> conditions = new ArrayList<>();
                for (Hcl.Block block : hcl.blocks(statement)) {
                    if (block.type().equals("condition")) {
                        Map<String, String> condition = hcl.attributeValues(block);
                        conditions.add(new Condition(unquote(condition.getOrDefault("test", "")),
                                interpolate(unquote(condition.getOrDefault("variable", "")), resolve),
                                evaluate(condition.getOrDefault("values", "[]"), resolve)));
                    } else if (!block.type().equals("principals")) {
                        throw new IllegalArgumentException("statement of " + name + " has a " + block.type()
                                + " block this check does not evaluate");
                    }
                }
                statements.add(new Statement(name, unquote(values.getOrDefault("sid", "")),
                        !unquote(values.getOrDefault("effect", "\"Allow\"")).equals("Deny"),
                        evaluate(values.getOrDefault("actions", "[]"), resolve),
                        evaluate(values.getOrDefault("resources", "[]"), resolve),
                        evaluate(values.getOrDefault("not_resources", "[]"), resolve), conditions));
            }
        }
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("no statements in data \"aws_iam_policy_document\" \"" + name + "\"");
        }
        return new IamPolicy(statements);
    }

    /** A list-valued HCL expression: list literals, strings with interpolations, references, {@code concat(...)}. */
    static List<String> evaluate(String expression, Function<String, List<String>> resolve) {
        String text = expression.trim();
        List<String> values = new ArrayList<>();
        if (text.startsWith("concat(") && text.endsWith(")")) {
            split(text.substring(7, text.length() - 1)).forEach(part -> values.addAll(evaluate(part, resolve)));
        } else if (text.startsWith("[") && text.endsWith("]")) {
            split(text.substring(1, text.length() - 1)).forEach(part -> values.addAll(evaluate(part, resolve)));
        } else if (text.startsWith("\"")) {
            values.add(interpolate(unquote(text), resolve));
        } else if (!text.isEmpty()) {
            values.addAll(resolve.apply(text));
        }
        return values;
    }

    private static String interpolate(String text, Function<String, List<String>> resolve) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, start);
            int end = start + 2;
            int depth = 1;
            while (depth > 0) {
                char c = text.charAt(end++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            List<String> value = resolve.apply(text.substring(start + 2, end - 1).trim());
            if (value.size() != 1) {
                throw new IllegalArgumentException("interpolation of a list: " + text);
            }
            out.append(value.get(0));
            i = end;
        }
        return out.toString();
    }

    /** Splits at top-level commas, ignoring those inside brackets, parentheses and strings. */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && (c == '[' || c == '(' || c == '{')) {
                depth++;
            } else if (!quoted && (c == ']' || c == ')' || c == '}')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        String last = text.substring(start).trim();
        if (!last.isEmpty()) {
            parts.add(last);
        }
        return parts;
    }

    private static String unquote(String text) {
        String t = text.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }
}
