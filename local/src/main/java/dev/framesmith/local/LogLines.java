package dev.framesmith.local;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes structured (JSON) log lines readable in a terminal: level, message and the start of a stack trace. */
final class LogLines {

    private static final Pattern MESSAGE = Pattern.compile("\"message\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern LEVEL = Pattern.compile("\"level\":\"([A-Z]+)\"");
    private static final Pattern STACK = Pattern.compile("\"stack_trace\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int STACK_CHARS = 600;

    private LogLines() {
    }

    static String readable(String line) {
        if (!line.startsWith("{")) {
            return line;
        }
        Matcher message = MESSAGE.matcher(line);
        if (!message.find()) {
            return line;
        }
        Matcher level = LEVEL.matcher(line);
        StringBuilder text = new StringBuilder(level.find() ? level.group(1) + " " : "");
        text.append(unescape(message.group(1)));
        Matcher stack = STACK.matcher(line);
        if (stack.find()) {
            String trace = unescape(stack.group(1));
            text.append("\n    ").append(trace.length() > STACK_CHARS ? trace.substring(0, STACK_CHARS) + " ..." : trace);
        }
        return text.toString();
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
