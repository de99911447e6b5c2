package dev.framesmith.deploychecks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of HCL for the checks: blocks with their labels, the top-level attributes of a block body, and the
 * text without comments. String contents (with their interpolations) are masked when looking for structure, so
 * braces inside strings never confuse the block nesting.
 */
public final class Hcl {

    private static final Pattern BLOCK_START = Pattern.compile("([A-Za-z_][\\w-]*)((?:\\s+\"[^\"]*\")*)\\s*\\{");
    private static final Pattern LABEL = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern ATTRIBUTE = Pattern.compile("(?m)^[ \\t]*([A-Za-z_][\\w-]*)[ \\t]*=(?!=)");

    private final String text;
    /** The text with comments blanked out (strings kept). */
    private final String withoutComments;
    /** The text with comments and string contents blanked out (same length, same line breaks). */
    private final String structure;

    /** A block: its type, labels and the offsets of its body (between the braces) in the file's text. */
    public record Block(String type, List<String> labels, int bodyStart, int bodyEnd) {

        public String label(int index) {
            return index < labels.size() ? labels.get(index) : "";
        }
    }

    public Hcl(String text) {
        this.text = text;
        String[] views = mask(text);
        this.withoutComments = views[0];
        this.structure = views[1];
    }

    public String withoutComments() {
        return withoutComments;
    }

    public String body(Block block) {
        return text.substring(block.bodyStart(), block.bodyEnd());
    }

    /** The blocks at the top level of the file. */
    public List<Block> blocks() {
        return blocks(0, structure.length());
    }

    /** The blocks directly inside a block's body. */
    public List<Block> blocks(Block parent) {
        return blocks(parent.bodyStart(), parent.bodyEnd());
    }

    public List<Block> blocks(String type) {
        return blocks().stream().filter(b -> b.type().equals(type)).toList();
    }

    /** Names of the attributes assigned directly in a block's body (not inside nested blocks or values). */
    public List<String> attributes(Block block) {
        List<String> names = new ArrayList<>();
        String body = structure.substring(block.bodyStart(), block.bodyEnd());
        int[] depth = depths(body);
        Matcher matcher = ATTRIBUTE.matcher(body);
        while (matcher.find()) {
            if (depth[matcher.start(1)] == 0) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** The raw value text of each top-level attribute of a block (up to the end of its expression). */
    public Map<String, String> attributeValues(Block block) {
        Map<String, String> values = new LinkedHashMap<>();
        String body = structure.substring(block.bodyStart(), block.bodyEnd());
        int[] depth = depths(body);
        Matcher matcher = ATTRIBUTE.matcher(body);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            if (depth[matcher.start(1)] == 0) {
                names.add(matcher.group(1));
                starts.add(matcher.end());
            }
        }
        for (int i = 0; i < starts.size(); i++) {
            int start = starts.get(i);
            int end = start;
            while (end < body.length()) {
                char c = body.charAt(end);
                if (c == '\n' && depth[end] == 0 && !continues(body, end)) {
                    break;
                }
                end++;
            }
            values.put(names.get(i), text.substring(block.bodyStart() + start, block.bodyStart() + end).trim());
        }
        return values;
    }

    private static boolean continues(String body, int newline) {
        int i = newline - 1;
        while (i >= 0 && (body.charAt(i) == ' ' || body.charAt(i) == '\t')) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        char last = body.charAt(i);
        return last == '(' || last == '[' || last == '{' || last == ',' || last == '?' || last == ':';
    }

    private List<Block> blocks(int from, int to) {
        List<Block> found = new ArrayList<>();
        String region = structure.substring(from, to);
        int[] depth = depths(region);
        Matcher matcher = BLOCK_START.matcher(region);
        int searchFrom = 0;
        while (matcher.find(searchFrom)) {
            int start = matcher.start();
            boolean lineStart = start == 0 || region.substring(region.lastIndexOf('\n', start - 1) + 1, start).isBlank();
            if (depth[start] != 0 || !lineStart) {
                searchFrom = matcher.end();
                continue;
            }
            int open = from + matcher.end() - 1;
            int close = matchingBrace(open);
            List<String> labels = new ArrayList<>();
            Matcher label = LABEL.matcher(text.substring(from + matcher.start(2), from + matcher.end(2)));
            while (label.find()) {
                labels.add(label.group(1));
            }
            found.add(new Block(matcher.group(1), labels, open + 1, close));
            searchFrom = close - from + 1;
            if (searchFrom >= region.length()) {
                break;
            }
        }
        return found;
    }

    private int matchingBrace(int open) {
        int level = 0;
        for (int i = open; i < structure.length(); i++) {
            char c = structure.charAt(i);
            if (c == '{' || c == '[' || c == '(') {
                level++;
            } else if (c == '}' || c == ']' || c == ')') {
                level--;
                if (level == 0) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("unbalanced braces from offset " + open);
    }

    /** Nesting depth (braces, brackets, parentheses) at every offset of a masked region. */
    private static int[] depths(String region) {
        int[] depth = new int[region.length() + 1];
        int level = 0;
        for (int i = 0; i < region.length(); i++) {
            char c = region.charAt(i);
            if (c == '}' || c == ']' || c == ')') {
                level--;
            }
            depth[i] = level;
            if (c == '{' || c == '[' || c == '(') {
                level++;
            }
        }
        depth[region.length()] = level;
        return depth;
    }

    /** [text without comments, text without comments and string contents]. */
    private static String[] mask(String text) {
        StringBuilder noComments = new StringBuilder(text);
        StringBuilder structure = new StringBuilder(text);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
                while (i < n && text.charAt(i) != '\n') {
                    noComments.setCharAt(i, ' ');
                    structure.setCharAt(i, ' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    if (text.charAt(i) != '\n') {
                        noComments.setCharAt(i, ' ');
                        structure.setCharAt(i, ' ');
                    }
                }
            } else if (c == '"') {
                int end = endOfString(text, i);
                for (int j = i + 1; j < end - 1; j++) {
                    if (text.charAt(j) != '\n') {
                        structure.setCharAt(j, ' ');
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        return new String[] {noComments.toString(), structure.toString()};
    }

    /** Offset just after the closing quote of the string opening at {@code start}, interpolations included. */
    private static int endOfString(String text, int start) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                i = endOfInterpolation(text, i + 2);
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static int endOfInterpolation(String text, int start) {
        int level = 1;
        int i = start;
        while (i < text.length() && level > 0) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i);
                continue;
            }
            if (c == '{') {
                level++;
            } else if (c == '}') {
                level--;
            }
            i++;
        }
        return i;
    }
}
