package dev.framesmith.decoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which pictures to keep and which packets to decode for them, worked out from the packet index alone.
 *
 * <p>Sample {@code n} (from 0) is the picture shown at {@code n / R} seconds on the file's time line (which starts at
 * the container's start time): the last picture whose {@code pts - start <= n / R}, compared in exact integer
 * arithmetic, or the first picture when none is that early. This is the picture FFmpeg's
 * {@code fps=R:round=up:start_time=0} keeps. There are as many samples as sampling times before the last picture
 * stops showing, at most {@code maxSamples}.
 *
 * <p>A target picture is decoded from the keyframe before it in decode order, or from the keyframe before that one
 * when the target shows before its keyframe (a leading picture of an open GOP, which refers to the previous GOP).
 * Runs that overlap or touch are merged, so every packet is decoded at most once whatever the keyframe layout.
 *
 * @param sampleTargets for each sample, the decode index of its picture
 * @param runs          ranges of decode indexes to decode, in order, disjoint and not touching
 * @param packetCount   packets in the stream
 */
record SamplePlan(int[] sampleTargets, List<Run> runs, int packetCount) {

    /**
     * Decode indexes {@code first} to {@code last}, both included; {@code first} is a keyframe.
     */
    record Run(int first, int last) {

        int packets() {
            return last - first + 1;
        }
    }

    /**
     * Why an index cannot be planned on; {@code null} when it can.
     */
    static String problem(List<Packet> packets) {
        if (packets.isEmpty()) {
            return "no picture packets";
        }
        if (!packets.get(0).key()) {
            return "the first packet is not a keyframe";
        }
        long previousDts = Packet.NO_TIME;
        long[] pts = new long[packets.size()];
        for (int i = 0; i < packets.size(); i++) {
            Packet packet = packets.get(i);
            if (packet.pts() == Packet.NO_TIME) {
                return "packet " + i + " has no presentation time";
            }
            if (packet.dts() == Packet.NO_TIME || (i > 0 && packet.dts() <= previousDts)) {
                return "decoding times do not increase at packet " + i;
            }
            previousDts = packet.dts();
            pts[i] = packet.pts();
        }
        Arrays.sort(pts);
        for (int i = 1; i < pts.length; i++) {
            if (pts[i] == pts[i - 1]) {
                return "two packets share the presentation time " + pts[i];
            }
        }
        return null;
    }

    /**
     * @param packets    the picture stream's packets in decode order; {@link #problem} must have found none
     * @param timeBase   the stream's time base, {@code {num, den}}
     * @param startTicks the file's start time in the stream's time base
     * @param rate       samples per second, {@code {num, den}}
     * @param maxSamples most samples to plan
     * @throws ArithmeticException when the timestamps are too large to compare exactly
     */
    static SamplePlan of(List<Packet> packets, long[] timeBase, long startTicks, long[] rate, int maxSamples) {
        int n = packets.size();
        long scale = Math.multiplyExact(timeBase[0], rate[0]);
        long unit = Math.multiplyExact(timeBase[1], rate[1]);
        long end = Long.MIN_VALUE;
        for (Packet packet : packets) {
            end = Math.max(end, Math.addExact(packet.pts(), Math.max(0, packet.duration())));
        }
        long count = Math.max(1, ceilDiv(Math.multiplyExact(Math.subtractExact(end, startTicks), scale), unit));
        int samples = (int) Math.min(count, maxSamples);

        Integer[] byPts = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(byPts, Comparator.comparingLong(i -> packets.get(i).pts()));
        int[] targets = new int[samples];
        int shown = -1;
        for (int s = 0; s < samples; s++) {
            long limit = Math.multiplyExact((long) s, unit);
            while (shown + 1 < n && Math.multiplyExact(
                    Math.subtractExact(packets.get(byPts[shown + 1]).pts(), startTicks), scale) <= limit) {
                shown++;
            }
            targets[s] = byPts[Math.max(shown, 0)];
        }

        List<Run> runs = new ArrayList<>();
        for (int target : Arrays.stream(targets).distinct().sorted().toArray()) {
            int first = keyframeAtOrBefore(packets, target);
            if (packets.get(target).pts() < packets.get(first).pts() && first > 0) {
                first = keyframeAtOrBefore(packets, first - 1);
            }
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && first <= last.last() + 1) {
                runs.set(runs.size() - 1, new Run(last.first(), Math.max(last.last(), target)));
            } else {
                runs.add(new Run(first, target));
            }
        }
        return new SamplePlan(targets, List.copyOf(runs), n);
    }

    /**
     * This plan's runs dealt out in turn to {@code count} plans (run {@code i} to plan {@code i % count}), for as
     * many decoders side by side; each plan's frames then come out roughly in order with the others'.
     */
    List<SamplePlan> lanes(int count) {
        List<List<Run>> dealt = new ArrayList<>();
        for (int lane = 0; lane < count; lane++) {
            dealt.add(new ArrayList<>());
        }
        for (int i = 0; i < runs.size(); i++) {
            dealt.get(i % count).add(runs.get(i));
        }
        return dealt.stream().map(lane -> new SamplePlan(sampleTargets, List.copyOf(lane), packetCount)).toList();
    }

    /** Whether one of the runs decodes the packet at decode index {@code index}. */
    boolean covers(int index) {
        int low = 0;
        int high = runs.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Run run = runs.get(middle);
            if (index < run.first()) {
                high = middle - 1;
            } else if (index > run.last()) {
                low = middle + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Packets the runs decode; never more than the stream holds. */
    int neededPackets() {
        return runs.stream().mapToInt(Run::packets).sum();
    }

    /** Whether decode index {@code index} holds a picture some sample keeps. */
    boolean[] targetMask() {
        boolean[] mask = new boolean[packetCount];
        for (int target : sampleTargets) {
            mask[target] = true;
        }
        return mask;
    }

    private static int keyframeAtOrBefore(List<Packet> packets, int index) {
        int i = index;
        while (i > 0 && !packets.get(i).key()) {
            i--;
        }
        return i;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
