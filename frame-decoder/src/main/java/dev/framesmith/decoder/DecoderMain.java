package dev.framesmith.decoder;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the frames of a video that a sampling rate asks for, decoding only the packets they need: indexes the
 * picture stream's packets, plans the runs ({@link SamplePlan}) and decodes them ({@link RunDecoder}) on as many
 * threads as it may use ({@link Lanes}). Meant to run in its own short-lived JVM, under the memory and time limits
 * its parent sets; reports progress on standard output and ends with one of the {@link DecoderProtocol} exit codes.
 */
public final class DecoderMain {

    private DecoderMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        DecoderRequest request;
        try {
            request = DecoderRequest.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("usage: " + e.getMessage());
            return DecoderProtocol.USAGE;
        }
        try {
            extract(request, out);
            return DecoderProtocol.OK;
        } catch (DecodeFailure e) {
            err.println("error: " + e.getMessage());
            return e.exitCode();
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
    }

    private static void extract(DecoderRequest request, PrintStream out) {
        av_log_set_level(AV_LOG_ERROR);
        try (PacketIndex index = PacketIndex.read(request.input().toString(), request.stream(), request.maxPixels())) {
            long pixels = (long) index.stream().codecpar().width() * index.stream().codecpar().height();
            if (pixels > request.maxPixels()) {
                throw new DecodeFailure(DecoderProtocol.PICTURE_TOO_LARGE, "pictures of " + index.stream().codecpar()
                        .width() + "x" + index.stream().codecpar().height() + " exceed " + request.maxPixels()
                        + " pixels");
            }
            List<Packet> packets = index.packets();
            out.println(DecoderProtocol.INDEX + " packets=" + packets.size() + " keyframes=" + index.keyframes());
            String problem = SamplePlan.problem(packets);
            if (problem != null) {
                throw new DecodeFailure(DecoderProtocol.UNUSABLE_INDEX, problem);
            }
            SamplePlan plan;
            try {
                plan = SamplePlan.of(packets, index.timeBase(), index.startTicks(), request.rate(),
                        request.maxSamples());
            } catch (ArithmeticException e) {
                throw new DecodeFailure(DecoderProtocol.UNUSABLE_INDEX, "timestamps too large to compare exactly");
            }
            out.println(DecoderProtocol.PLAN + " samples=" + plan.sampleTargets().length + " targets="
                    + java.util.Arrays.stream(plan.sampleTargets()).distinct().count() + " runs=" + plan.runs().size()
                    + " packets=" + plan.neededPackets());
            out.flush();
            Lanes.Totals totals = Lanes.decode(index, plan, request, number -> {
                synchronized (out) {
                    out.println(DecoderProtocol.FRAME + " " + number);
                    out.flush();
                }
            });
            out.println(DecoderProtocol.DONE + " frames=" + plan.sampleTargets().length + " sent=" + totals.sent()
                    + " decoded=" + totals.decoded() + " seeks=" + totals.seeks() + " lanes=" + totals.lanes());
            out.flush();
        }
    }
}
