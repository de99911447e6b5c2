package dev.framesmith.local;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes structured (JSON) log lines readable in a terminal: level, message and the start of a stack trace. */
final class LogLines {

    private static final Pattern LEVEL = Pattern.compile("\"level\":\"([A-Z]+)\"");
    private static final int STACK_CHARS = 600;

    private LogLines() {
    }

    static String readable(String line) {
        if (!line.startsWith("{")) {
            return line;
        }
        String message = stringField(line, "message");
        if (message == null) {
            return line;
        }
        Matcher level = LEVEL.matcher(line);
        StringBuilder text = new StringBuilder(level.find() ? level.group(1) + " " : "");
        text.append(unescape(message));
        String stack = stringField(line, "stack_trace");
        if (stack != null) {
            String trace = unescape(stack);
            text.append("\n    ").append(trace.length() > STACK_CHARS ? trace.substring(0, STACK_CHARS) + " ..." : trace);
        }
        return text.toString();
    }

    /**
     * The still escaped value of a string field, scanned by hand: a regular expression for JSON strings recurses once
     * per character and overflows the stack on a long stack trace.
     */
    private static String stringField(String line, String name) {
        String key = "\"" + name + "\":\"";
        int start = line.indexOf(key);
        if (start < 0) {
            return null;
        }
        int from = start + key.length();
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return line.substring(from, i);
            }
        }
        return null;
    }

    private static String unescape(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 == json.length()) {
                out.append(c);
                continue;
            }
            char next = json.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append("  ");
                case 'r' -> { }
                case 'u' -> {
                    if (i + 4 < json.length()) {
                        out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
