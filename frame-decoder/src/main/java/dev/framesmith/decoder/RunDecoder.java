package dev.framesmith.decoder;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_seek_file;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;

/**
 * Decodes the plan's runs and hands each kept picture to the {@link FrameWriter}. Packets are read on in order
 * while the next run starts soon; when it starts more than {@code seekGap} packets later the demuxer seeks to its
 * keyframe (found again by its timestamps). After each run the decoder is drained and flushed. Pictures that are
 * not kept are sent with {@code skip_frame=NONREF}, so those nothing refers to are not reconstructed; leading
 * pictures that show before a run's keyframe are not sent at all (they cannot be decoded from there).
 *
 * <p>Only the samples whose pictures lie in the plan's runs are this decoder's: a plan may be one lane of a larger
 * one ({@link SamplePlan#lanes}). It stops before its next run once {@code stopped} says so.
 *
 * <p>The decoder is not told to fail on the first error: starting at a keyframe that is not an IDR (open GOP) makes
 * H.264 complain about references from before it, as any seek does. Strictness is kept where it matters: every
 * kept picture must come out without decode errors or the corrupt flag.
 */
final class RunDecoder implements AutoCloseable {

    /** FF_THREAD_FRAME of libavcodec/avcodec.h: decode several pictures at once. */
    private static final int FF_THREAD_FRAME = 1;
    /** AV_FRAME_FLAG_CORRUPT of libavutil/frame.h. */
    private static final int FRAME_FLAG_CORRUPT = 1;

    private final PacketIndex index;
    private final SamplePlan plan;
    private final FrameWriter writer;
    private final int seekGap;
    private final AVCodecContext decoder;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();
    private final boolean[] kept;
    /** The sample numbers (from 1) each kept picture's pts stands for, in order. */
    private final Map<Long, int[]> samplesByPts = new HashMap<>();
    private final boolean[] written;
    private final IntConsumer onFrame;
    private final BooleanSupplier stopped;
    private int sent;
    private int decoded;
    private int seeks;

    RunDecoder(PacketIndex index, SamplePlan plan, FrameWriter writer, int threads, long maxPixels, int seekGap,
            IntConsumer onFrame, BooleanSupplier stopped) {
        this.index = index;
        this.plan = plan;
        this.writer = writer;
        this.seekGap = seekGap;
        this.onFrame = onFrame;
        this.stopped = stopped;
        this.kept = plan.targetMask();
        this.written = new boolean[plan.sampleTargets().length];
        Map<Long, List<Integer>> samples = new HashMap<>();
        int[] targets = plan.sampleTargets();
        for (int s = 0; s < targets.length; s++) {
            samples.computeIfAbsent(index.packets().get(targets[s]).pts(), pts -> new ArrayList<>()).add(s + 1);
        }
        samples.forEach((pts, numbers) -> samplesByPts.put(pts, numbers.stream().mapToInt(Integer::intValue).toArray()));

        AVCodec codec = avcodec_find_decoder(index.stream().codecpar().codec_id());
        if (codec == null) {
            throw new DecodeFailure(DecoderProtocol.CORRUPT_INPUT, "no decoder for codec "
                    + index.stream().codecpar().codec_id());
        }
        decoder = avcodec_alloc_context3(codec);
        Libav.check(avcodec_parameters_to_context(decoder, index.stream().codecpar()), "decoder parameters",
                DecoderProtocol.CORRUPT_INPUT);
        decoder.thread_count(threads);
        decoder.thread_type(FF_THREAD_FRAME);
        decoder.pkt_timebase(index.stream().time_base());
        AVDictionary options = new AVDictionary(null);
        // libavcodec refuses pictures larger than this before allocating them
        av_dict_set(options, "max_pixels", Long.toString(maxPixels), 0);
        try {
            Libav.check(avcodec_open2(decoder, codec, options), "open decoder", DecoderProtocol.CORRUPT_INPUT);
        } finally {
            av_dict_free(options);
        }
    }

    void decode() {
        List<Packet> packets = index.packets();
        Packet first = packets.get(0);
        // back to the start; the first run's keyframe is then found by its timestamps, as after any seek
        seek(first.dts());
        int position = -1;
        boolean searching = true;
        for (SamplePlan.Run run : plan.runs()) {
            if (stopped.getAsBoolean()) {
                return;
            }
            if (seekGap >= 0 && run.first() - position > seekGap) {
                seek(packets.get(run.first()).pts());
                seeks++;
                searching = true;
            }
            if (searching) {
                findPacket(packets.get(run.first()));
                searching = false;
            } else {
                while (position < run.first() - 1) {
                    readPicturePacket();
                    av_packet_unref(packet);
                    position++;
                }
                readPicturePacket();
            }
            position = run.first();
            long keyPts = packets.get(run.first()).pts();
            while (true) {
                if (position > run.first() && packets.get(position).pts() < keyPts && !kept[position]) {
                    av_packet_unref(packet);
                } else {
                    decoder.skip_frame(kept[position] ? avcodec.AVDISCARD_DEFAULT : avcodec.AVDISCARD_NONREF);
                    int ret = avcodec_send_packet(decoder, packet);
                    av_packet_unref(packet);
                    Libav.check(ret, "decode packet " + position, DecoderProtocol.DAMAGED_PICTURE);
                    sent++;
                    receive();
                }
                if (position >= run.last()) {
                    break;
                }
                readPicturePacket();
                position++;
            }
            avcodec_send_packet(decoder, null);
            receive();
            avcodec_flush_buffers(decoder);
        }
        for (int s = 0; s < written.length; s++) {
            if (!written[s] && plan.covers(plan.sampleTargets()[s])) {
                throw new DecodeFailure(DecoderProtocol.MISSING_SAMPLE, "the picture of frame " + (s + 1)
                        + " was not decoded");
            }
        }
    }

    int sent() {
        return sent;
    }

    int decoded() {
        return decoded;
    }

    int seeks() {
        return seeks;
    }

    private void seek(long timestamp) {
        Libav.check(avformat_seek_file(index.format(), index.streamIndex(), Long.MIN_VALUE, timestamp, timestamp, 0),
                "seek", DecoderProtocol.MISSING_SAMPLE);
    }

    /** Reads on after a seek until the packet with the run keyframe's timestamps. */
    private void findPacket(Packet wanted) {
        while (true) {
            readPicturePacket();
            long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
            if (packet.dts() == wanted.dts() && pts == wanted.pts()) {
                return;
            }
            av_packet_unref(packet);
        }
    }

    /** Reads the next packet of the picture stream into {@link #packet}. */
    private void readPicturePacket() {
        while (true) {
            int ret = av_read_frame(index.format(), packet);
            if (ret == AVERROR_EOF) {
                throw new DecodeFailure(DecoderProtocol.MISSING_SAMPLE, "the file ended before a planned packet");
            }
            Libav.check(ret, "read", DecoderProtocol.CORRUPT_INPUT);
            if (packet.stream_index() == index.streamIndex()) {
                return;
            }
            av_packet_unref(packet);
        }
    }

    private void receive() {
        while (true) {
            int ret = avcodec_receive_frame(decoder, frame);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
                return;
            }
            Libav.check(ret, "decode", DecoderProtocol.DAMAGED_PICTURE);
            decoded++;
            try {
                int[] numbers = samplesByPts.get(frame.best_effort_timestamp());
                if (numbers != null && !written[numbers[0] - 1]) {
                    if (frame.decode_error_flags() != 0 || (frame.flags() & FRAME_FLAG_CORRUPT) != 0) {
                        throw new DecodeFailure(DecoderProtocol.DAMAGED_PICTURE, "the picture of frame " + numbers[0]
                                + " was decoded with errors");
                    }
                    writer.write(frame, numbers);
                    for (int number : numbers) {
                        written[number - 1] = true;
                        onFrame.accept(number);
                    }
                }
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    @Override
    public void close() {
        AVCodecContext context = decoder;
        avcodec_free_context(context);
        av_packet_free(packet);
        av_frame_free(frame);
    }
}
