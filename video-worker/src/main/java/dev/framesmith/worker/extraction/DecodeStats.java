package dev.framesmith.worker.extraction;

import java.util.HashMap;
import java.util.Map;

/**
 * What the partial decoder did, from its report lines.
 *
 * @param packets  packets of the picture stream
 * @param planned  packets the plan's runs cover
 * @param sent     packets given to the decoder (never more than the stream holds)
 * @param decoded  pictures that came out of the decoder
 * @param seeks    seeks between runs
 * @param lanes    threads that decoded runs side by side, each with its own decoder
 */
public record DecodeStats(int packets, int planned, int sent, int decoded, int seeks, int lanes) {

    /** Collects the numbers of the {@code index}, {@code plan} and {@code done} lines. */
    static final class Collector {

        private final Map<String, Integer> values = new HashMap<>();

        synchronized void accept(String line) {
            String[] words = line.split(" ");
            for (int i = 1; i < words.length; i++) {
                int equals = words[i].indexOf('=');
                if (equals > 0) {
                    try {
                        values.put(words[0] + "." + words[i].substring(0, equals),
                                Integer.parseInt(words[i].substring(equals + 1)));
                    } catch (NumberFormatException e) {
                        // not a count
                    }
                }
            }
        }

        synchronized DecodeStats stats() {
            return new DecodeStats(get("index.packets"), get("plan.packets"), get("done.sent"), get("done.decoded"),
                    get("done.seeks"), get("done.lanes"));
        }

        private int get(String key) {
            return values.getOrDefault(key, -1);
        }
    }
}
