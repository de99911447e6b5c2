package dev.framesmith.deploychecks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series of one scrape in the Prometheus text format ({@code /actuator/prometheus}): each sample's name and
 * labels, values left out.
 *
 * @param series the label sets of each series name
 */
public record Exposition(Map<String, List<Map<String, String>>> series) {

    /** @throws IllegalArgumentException on a sample line that is not in the text format */
    public static Exposition parse(String text) {
        Map<String, List<Map<String, String>>> series = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String sample = line.strip();
            if (sample.isEmpty() || sample.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < sample.length() && sample.charAt(end) != '{' && !Character.isWhitespace(sample.charAt(end))) {
                end++;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (end < sample.length() && sample.charAt(end) == '{') {
                labels(sample, end + 1, labels);
            }
            series.computeIfAbsent(sample.substring(0, end), name -> new ArrayList<>()).add(Map.copyOf(labels));
        }
        return new Exposition(series);
    }

    /** The label sets of a series name; empty when the scrape has none of that name. */
    public List<Map<String, String>> labelSets(String name) {
        return series.getOrDefault(name, List.of());
    }

    private static void labels(String sample, int start, Map<String, String> into) {
        int i = start;
        while (i < sample.length() && sample.charAt(i) != '}') {
            int equals = sample.indexOf('=', i);
            if (equals < 0 || equals + 1 >= sample.length() || sample.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("not a sample: " + sample);
            }
            String name = sample.substring(i, equals).strip();
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            while (j < sample.length() && sample.charAt(j) != '"') {
                if (sample.charAt(j) == '\\' && j + 1 < sample.length()) {
                    j++;
                    value.append(sample.charAt(j) == 'n' ? '\n' : sample.charAt(j));
                } else {
                    value.append(sample.charAt(j));
                }
                j++;
            }
            if (j >= sample.length()) {
                throw new IllegalArgumentException("not a sample: " + sample);
            }
            into.put(name, value.toString());
            i = j + 1;
            while (i < sample.length() && (sample.charAt(i) == ',' || Character.isWhitespace(sample.charAt(i)))) {
                i++;
            }
        }
    }
}
