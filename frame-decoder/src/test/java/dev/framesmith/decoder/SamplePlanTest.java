package dev.framesmith.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplePlanTest {

    private static final long[] MILLIS = {1, 1000};
    private static final long[] ONE_PER_SECOND = {1, 1};

    /** Pictures every {@code step} ms in presentation order, no reordering, keyframes where {@code key} says. */
    private static List<Packet> stream(int count, long step, java.util.function.IntPredicate key) {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            packets.add(new Packet(i * step, i * step, key.test(i), step));
        }
        return packets;
    }

    @Test
    void takesTheLastPictureShownAtEachSamplingTime() {
        // 25 fps (40 ms), a keyframe every 25 pictures
        List<Packet> packets = stream(125, 40, i -> i % 25 == 0);

        SamplePlan plan = SamplePlan.of(packets, MILLIS, 0, new long[] {1, 2}, 1000);

        // 0, 2, 4 s; the pictures end at 5 s
        assertThat(plan.sampleTargets()).containsExactly(0, 50, 100);
        assertThat(plan.runs()).containsExactly(new SamplePlan.Run(0, 0), new SamplePlan.Run(50, 50),
                new SamplePlan.Run(100, 100));
        assertThat(plan.neededPackets()).isEqualTo(3);
    }

    @Test
    void dealsTheRunsOutInTurnToLanesThatEachCoverOnlyTheirOwn() {
        List<Packet> packets = stream(250, 40, i -> i % 25 == 0);
        SamplePlan plan = SamplePlan.of(packets, MILLIS, 0, new long[] {1, 2}, 1000);

        List<SamplePlan> lanes = plan.lanes(2);

        assertThat(lanes).hasSize(2);
        assertThat(lanes.get(0).runs()).extracting(SamplePlan.Run::first).containsExactly(0, 100, 200);
        assertThat(lanes.get(1).runs()).extracting(SamplePlan.Run::first).containsExactly(50, 150);
        assertThat(lanes).allSatisfy(lane -> assertThat(lane.sampleTargets()).isEqualTo(plan.sampleTargets()));
        for (int target : plan.sampleTargets()) {
            assertThat(lanes.stream().filter(lane -> lane.covers(target))).as("lanes decoding %d", target).hasSize(1);
        }
        assertThat(lanes.get(0).covers(1)).as("a packet between runs").isFalse();
        assertThat(plan.lanes(1)).containsExactly(plan);
    }

    @Test
    void comparesTimesExactlyAndCountsFromTheFileStart() {
        // NTSC pictures (1001/30000 s) starting 1001 ticks after the file's start
        long[] timeBase = {1, 30000};
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            packets.add(new Packet(1001 + i * 1001L, 1001 + i * 1001L, i % 30 == 0, 1001));
        }

        SamplePlan plan = SamplePlan.of(packets, timeBase, 1001, ONE_PER_SECOND, 1000);

        // t = 1 s is 30000 ticks: picture 29 shows at 29029 ticks after the start, picture 30 at 30030; the last
        // picture stops showing at 90090, after t = 3 s
        assertThat(plan.sampleTargets()).containsExactly(0, 29, 59, 89);
    }

    @Test
    void repeatsThePictureWhenSamplesAreDenserThanPictures() {
        List<Packet> packets = stream(3, 1000, i -> i == 0);

        SamplePlan plan = SamplePlan.of(packets, MILLIS, 0, new long[] {2, 1}, 1000);

        assertThat(plan.sampleTargets()).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(plan.runs()).containsExactly(new SamplePlan.Run(0, 2));
    }

    @Test
    void startsALeadingPictureOneKeyframeEarlier() {
        // open GOP: the keyframe at decode index 3 shows at 4; index 4 shows at 3, before it, and refers back
        List<Packet> packets = List.of(new Packet(0, 0, true, 1), new Packet(1, 1, false, 1),
                new Packet(2, 2, false, 1), new Packet(4, 3, true, 1), new Packet(3, 4, false, 1),
                new Packet(5, 5, false, 1));

        SamplePlan plan = SamplePlan.of(packets, new long[] {1, 1}, 0, ONE_PER_SECOND, 1000);

        assertThat(plan.sampleTargets()).containsExactly(0, 1, 2, 4, 3, 5);
        assertThat(plan.runs()).containsExactly(new SamplePlan.Run(0, 5));
    }

    @Test
    void decodesEveryPacketAtMostOnceWhateverTheKeyframes() {
        // 30 fps; a keyframe every 5 pictures for 10 s, none in the 50 s after: one sample per second
        List<Packet> packets = stream(1800, 33, i -> i < 300 && i % 5 == 0);

        SamplePlan plan = SamplePlan.of(packets, MILLIS, 0, ONE_PER_SECOND, 1000);

        assertThat(plan.sampleTargets()).hasSize(60);
        // the samples after 10 s all hang on the last keyframe: one run from it, not one per sample
        assertThat(plan.runs().get(plan.runs().size() - 1).first()).isEqualTo(295);
        assertThat(plan.neededPackets()).isLessThanOrEqualTo(plan.packetCount());
        for (int i = 1; i < plan.runs().size(); i++) {
            assertThat(plan.runs().get(i).first()).isGreaterThan(plan.runs().get(i - 1).last() + 1);
        }
    }

    @Test
    void stopsAtTheMostSamplesAllowed() {
        SamplePlan plan = SamplePlan.of(stream(300, 40, i -> i % 25 == 0), MILLIS, 0, ONE_PER_SECOND, 4);

        assertThat(plan.sampleTargets()).containsExactly(0, 25, 50, 75);
    }

    @Test
    void refusesIndexesThatCannotBePlannedOnExactly() {
        assertThat(SamplePlan.problem(List.of())).isEqualTo("no picture packets");
        assertThat(SamplePlan.problem(List.of(new Packet(0, 0, false, 1)))).contains("not a keyframe");
        assertThat(SamplePlan.problem(List.of(new Packet(0, 0, true, 1), new Packet(Packet.NO_TIME, 1, false, 1))))
                .contains("no presentation time");
        assertThat(SamplePlan.problem(List.of(new Packet(0, 0, true, 1), new Packet(1, 0, false, 1))))
                .contains("decoding times do not increase");
        assertThat(SamplePlan.problem(List.of(new Packet(0, 0, true, 1), new Packet(0, 1, false, 1))))
                .contains("share the presentation time");
        assertThat(SamplePlan.problem(stream(10, 40, i -> i == 0))).isNull();
    }
}
