package dev.framesmith.worker.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads FFmpeg's {@code framecrc} listing of a stream's packets (copied, not decoded): the longest
 * distance between two keyframes, and where the last picture ends.
 */
final class PacketScanParser {

    private static final Pattern TIME_BASE = Pattern.compile("^#tb \\d+: (\\d+)/(\\d+)\\s*$");
    private static final Pattern FLAGS = Pattern.compile("F=0x([0-9A-Fa-f]+)");

    private final List<Long> keyframePts = new ArrayList<>();
    private long end = Long.MIN_VALUE;
    private long timeBaseNum;
    private long timeBaseDen;

    synchronized void accept(String line) {
        if (line.startsWith("#")) {
            Matcher tb = TIME_BASE.matcher(line);
            if (tb.matches()) {
                timeBaseNum = Long.parseLong(tb.group(1));
                timeBaseDen = Long.parseLong(tb.group(2));
            }
            return;
        }
        String[] fields = line.split(",");
        if (fields.length < 6) {
            return;
        }
        long pts;
        long duration;
        try {
            pts = Long.parseLong(fields[2].trim());
            duration = Long.parseLong(fields[3].trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (pts == Long.MIN_VALUE) {
            return;
        }
        end = Math.max(end, pts + Math.max(0, duration));
        Matcher flags = FLAGS.matcher(line);
        if (!flags.find() || (Long.parseLong(flags.group(1), 16) & 1) == 1) {
            keyframePts.add(pts);
        }
    }

    /** The longest gap between consecutive keyframes in seconds; empty when fewer than two were seen. */
    synchronized OptionalDouble longestKeyframeInterval() {
        if (keyframePts.size() < 2 || timeBaseDen == 0) {
            return OptionalDouble.empty();
        }
        List<Long> pts = new ArrayList<>(keyframePts);
        pts.sort(Long::compare);
        long longest = 0;
        for (int i = 1; i < pts.size(); i++) {
            longest = Math.max(longest, pts.get(i) - pts.get(i - 1));
        }
        return OptionalDouble.of(seconds(longest));
    }

    /** Where the last listed packet's picture stops showing, in the stream's own seconds. */
    synchronized OptionalDouble end() {
        return end == Long.MIN_VALUE || timeBaseDen == 0 ? OptionalDouble.empty() : OptionalDouble.of(seconds(end));
    }

    private double seconds(long ticks) {
        return (double) ticks * timeBaseNum / timeBaseDen;
    }
}
