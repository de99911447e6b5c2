package dev.framesmith.decoder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Decodes a plan's runs on as many threads as the request allows, one lane each: the runs are dealt out in turn
 * ({@link SamplePlan#lanes}), and each lane has its own demuxer on the file, decoder and encoder, so that sparse
 * samples (one short run per keyframe, where a decoder's own threads have nothing to share) use every thread. A
 * plan with fewer runs than threads gets fewer lanes, and each lane's decoder the threads left over. The first
 * failure stops the other lanes before their next run and is what the decoder reports.
 */
final class Lanes {

    /** What the lanes did together. */
    record Totals(int lanes, int sent, int decoded, int seeks) {

        Totals plus(Totals other) {
            return new Totals(lanes + other.lanes, sent + other.sent, decoded + other.decoded, seeks + other.seeks);
        }
    }

    private Lanes() {
    }

    static Totals decode(PacketIndex index, SamplePlan plan, DecoderRequest request, IntConsumer onFrame) {
        int count = Math.max(1, Math.min(request.threads(), plan.runs().size()));
        List<SamplePlan> lanes = plan.lanes(count);
        int threads = Math.max(1, request.threads() / count);
        AtomicBoolean failed = new AtomicBoolean();
        List<Thread> others = new ArrayList<>();
        Totals[] totals = new Totals[count];
        Throwable[] failures = new Throwable[count];
        for (int lane = 1; lane < count; lane++) {
            int number = lane;
            Thread thread = new Thread(() -> {
                try (PacketIndex own = index.reopen(request.input().toString(), request.maxPixels())) {
                    totals[number] = lane(own, lanes.get(number), request, threads, onFrame, failed);
                } catch (RuntimeException | Error e) {
                    failed.set(true);
                    failures[number] = e;
                }
            }, "lane-" + lane);
            thread.start();
            others.add(thread);
        }
        try {
            totals[0] = lane(index, lanes.get(0), request, threads, onFrame, failed);
        } catch (RuntimeException e) {
            failed.set(true);
            failures[0] = e;
        }
        for (Thread thread : others) {
            join(thread);
        }
        Totals sum = new Totals(0, 0, 0, 0);
        for (int lane = 0; lane < count; lane++) {
            if (failures[lane] instanceof RuntimeException e) {
                throw e;
            }
            if (failures[lane] instanceof Error e) {
                throw e;
            }
            sum = sum.plus(totals[lane]);
        }
        return sum;
    }

    private static Totals lane(PacketIndex index, SamplePlan lane, DecoderRequest request, int threads,
            IntConsumer onFrame, AtomicBoolean failed) {
        try (FrameWriter writer = new FrameWriter(request.output(), request.format(), request.maxWidth());
                RunDecoder decoder = new RunDecoder(index, lane, writer, threads, request.maxPixels(),
                        request.seekGap(), onFrame, failed::get)) {
            decoder.decode();
            return new Totals(1, decoder.sent(), decoder.decoded(), decoder.seeks());
        }
    }

    private static void join(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
