package dev.framesmith.deploychecks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a PromQL expression reads: its series selectors (metric name and label matchers) and the labels it groups or
 * matches by ({@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left}, {@code group_right}).
 * A tokenizer, not a full parser: enough to tell which series and labels an alert or a panel needs.
 */
public final class PromQl {

    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan", "atan2");

    /** One label matcher, {@code label op "value"}. */
    public record Matcher(String label, String op, String value) {

        public boolean matches(String candidate) {
            return switch (op) {
                case "=" -> value.equals(candidate);
                case "!=" -> !value.equals(candidate);
                case "=~" -> Pattern.compile(value).matcher(candidate).matches();
                case "!~" -> !Pattern.compile(value).matcher(candidate).matches();
                default -> throw new IllegalStateException("operator " + op);
            };
        }
    }

    /** One series selector: the metric name ({@code null} when only matchers select) and its matchers. */
    public record Selector(String metric, List<Matcher> matchers) {
    }

    /** The selectors and grouping labels of one expression. */
    public record Reads(List<Selector> selectors, Set<String> groupingLabels) {
    }

    private record Token(String text, boolean string) {
    }

    private PromQl() {
    }

    /** @throws IllegalArgumentException when the expression cannot be tokenized (an unclosed string or brace) */
    public static Reads read(String expression) {
        List<Token> tokens = tokens(expression);
        List<Selector> selectors = new ArrayList<>();
        Set<String> grouping = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String next = i + 1 < tokens.size() ? tokens.get(i + 1).text() : "";
            if (token.string() || !isIdentifier(token.text())) {
                if (token.text().equals("{") && !token.string()) {
                    List<Matcher> matchers = new ArrayList<>();
                    i = matchers(tokens, i, matchers, expression);
                    selectors.add(new Selector(null, matchers));
                }
                continue;
            }
            String word = token.text();
            if (GROUPING.contains(word)) {
                if (next.equals("(")) {
                    for (i += 2; i < tokens.size() && !tokens.get(i).text().equals(")"); i++) {
                        if (!tokens.get(i).text().equals(",")) {
                            grouping.add(tokens.get(i).text());
                        }
                    }
                }
            } else if (AGGREGATIONS.contains(word) || KEYWORDS.contains(word) || next.equals("(")) {
                // a function, an aggregation or an operator
            } else if (next.equals("{")) {
                List<Matcher> matchers = new ArrayList<>();
                i = matchers(tokens, i + 1, matchers, expression);
                selectors.add(new Selector(word, matchers));
            } else {
                selectors.add(new Selector(word, List.of()));
            }
        }
        return new Reads(List.copyOf(selectors), Set.copyOf(grouping));
    }

    /** Reads {@code {label op "value", ...}} from the brace at {@code open}; returns the index of the closing brace. */
    private static int matchers(List<Token> tokens, int open, List<Matcher> into, String expression) {
        int i = open + 1;
        while (i < tokens.size() && !tokens.get(i).text().equals("}")) {
            if (tokens.get(i).text().equals(",")) {
                i++;
                continue;
            }
            if (i + 2 >= tokens.size() || !tokens.get(i + 2).string()) {
                throw new IllegalArgumentException("cannot read the matchers of: " + expression);
            }
            into.add(new Matcher(tokens.get(i).text(), tokens.get(i + 1).text(), tokens.get(i + 2).text()));
            i += 3;
        }
        if (i >= tokens.size()) {
            throw new IllegalArgumentException("unclosed '{' in: " + expression);
        }
        return i;
    }

    private static boolean isIdentifier(String text) {
        return !text.isEmpty() && (Character.isLetter(text.charAt(0)) || text.charAt(0) == '_' || text.charAt(0) == ':');
    }

    private static List<Token> tokens(String expression) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < expression.length() && expression.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (j < expression.length() && expression.charAt(j) != c) {
                    if (expression.charAt(j) == '\\' && c != '`' && j + 1 < expression.length()) {
                        j++;
                    }
                    value.append(expression.charAt(j++));
                }
                if (j >= expression.length()) {
                    throw new IllegalArgumentException("unclosed string in: " + expression);
                }
                tokens.add(new Token(value.toString(), true));
                i = j + 1;
            } else if (c == '[') {
                // a range or subquery: durations and Grafana variables only
                int close = expression.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' in: " + expression);
                }
                i = close + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '.' || c == '$') {
                int j = i;
                while (j < expression.length() && (Character.isLetterOrDigit(expression.charAt(j))
                        || "_:.$".indexOf(expression.charAt(j)) >= 0)) {
                    j++;
                }
                tokens.add(new Token(expression.substring(i, j), false));
                i = j;
            } else {
                String two = i + 1 < expression.length() ? expression.substring(i, i + 2) : "";
                String op = Set.of("=~", "!~", "!=", "==", ">=", "<=").contains(two) ? two : String.valueOf(c);
                tokens.add(new Token(op, false));
                i += op.length();
            }
        }
        return tokens;
    }
}
