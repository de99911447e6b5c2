package dev.framesmith.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The lines typed while the local run runs, each {@code <action> <component>}: {@code kill ms-video},
 * {@code terminate video-worker}, {@code stop ms-notify}, {@code start ms-notify}, {@code stop s3},
 * {@code start s3}. Each line acts on one service or AWS stand-in as a fault would; a line that is not a command,
 * or names no component, is answered with what is possible and the next line is read as before.
 */
final class TypedCommands {

    static final String USAGE = "commands: kill|terminate|stop|start <service>, stop|start <stand-in>";

    /** Acts on one component by name; refuses an unknown one with an {@link IllegalArgumentException}. */
    interface Control {
        void act(ComponentAction action, String component);
    }

    private final Control control;
    private final PrintStream out;

    TypedCommands(Control control, PrintStream out) {
        this.control = control;
        this.out = out;
    }

    /** Reads and runs lines until standard input ends. */
    void readAll(BufferedReader in) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            run(line);
        }
    }

    void run(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length == 1 && words[0].isEmpty()) {
            return;
        }
        ComponentAction action = words.length == 2 ? action(words[0]) : null;
        if (action == null) {
            out.println("   " + USAGE);
            return;
        }
        try {
            control.act(action, words[1]);
            out.println("   " + action.name().toLowerCase(Locale.ROOT) + " " + words[1] + ": done");
        } catch (RuntimeException e) {
            out.println("   " + words[0] + " " + words[1] + ": " + e.getMessage() + " (" + USAGE + ")");
        }
    }

    private static ComponentAction action(String word) {
        for (ComponentAction action : ComponentAction.values()) {
            if (action.name().equalsIgnoreCase(word)) {
                return action;
            }
        }
        return null;
    }
}
