package dev.framesmith.decoder;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The opened file and every packet of its picture stream in decode order, read once without decoding. The
 * demuxer fails on damaged data ({@code err_detect=explode}); reading the stream parameters may decode a picture,
 * so the pixel limit applies there already.
 */
final class PacketIndex implements AutoCloseable {

    private final AVFormatContext format;
    private final int streamIndex;
    private final List<Packet> packets;

    private PacketIndex(AVFormatContext format, int streamIndex, List<Packet> packets) {
        this.format = format;
        this.streamIndex = streamIndex;
        this.packets = packets;
    }

    static PacketIndex read(String input, int streamIndex, long maxPixels) {
        return open(input, streamIndex, maxPixels, null);
    }

    /** The same file opened once more, for another thread, sharing this index's packets. */
    PacketIndex reopen(String input, long maxPixels) {
        return open(input, streamIndex, maxPixels, packets);
    }

    /** Opens the file; reads its packets unless {@code known} already lists them. */
    private static PacketIndex open(String input, int streamIndex, long maxPixels, List<Packet> known) {
        AVFormatContext format = new AVFormatContext(null);
        AVDictionary openOptions = new AVDictionary(null);
        av_dict_set(openOptions, "err_detect", "explode", 0);
        try {
            Libav.check(avformat_open_input(format, input, null, openOptions), "open", DecoderProtocol.CORRUPT_INPUT);
        } finally {
            av_dict_free(openOptions);
        }
        boolean done = false;
        try {
            int streams = format.nb_streams();
            PointerPointer<AVDictionary> infoOptions = new PointerPointer<>(streams);
            for (int i = 0; i < streams; i++) {
                AVDictionary options = new AVDictionary(null);
                av_dict_set(options, "max_pixels", Long.toString(maxPixels), 0);
                av_dict_set(options, "threads", "1", 0);
                infoOptions.put(i, options);
            }
            try {
                Libav.check(avformat_find_stream_info(format, infoOptions), "stream info", DecoderProtocol.CORRUPT_INPUT);
            } finally {
                for (int i = 0; i < streams; i++) {
                    av_dict_free(new AVDictionary(infoOptions.get(i)));
                }
                infoOptions.close();
            }
            if (streamIndex < 0 || streamIndex >= format.nb_streams()
                    || format.streams(streamIndex).codecpar().codec_type() != AVMEDIA_TYPE_VIDEO) {
                throw new DecodeFailure(DecoderProtocol.USAGE, "stream " + streamIndex + " is not a picture stream");
            }
            for (int i = 0; i < format.nb_streams(); i++) {
                if (i != streamIndex) {
                    format.streams(i).discard(org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL);
                }
            }
            List<Packet> packets = known != null ? known : readPackets(format, streamIndex);
            done = true;
            return new PacketIndex(format, streamIndex, packets);
        } finally {
            if (!done) {
                avformat_close_input(format);
            }
        }
    }

    private static List<Packet> readPackets(AVFormatContext format, int streamIndex) {
        List<Packet> packets = new ArrayList<>();
        AVPacket packet = av_packet_alloc();
        try {
            int read;
            while ((read = av_read_frame(format, packet)) >= 0) {
                if (packet.stream_index() == streamIndex) {
                    packets.add(new Packet(time(packet.pts()), time(packet.dts()),
                            (packet.flags() & AV_PKT_FLAG_KEY) != 0, Math.max(0, packet.duration())));
                }
                av_packet_unref(packet);
            }
            if (read != AVERROR_EOF) {
                Libav.check(read, "damaged or truncated file", DecoderProtocol.CORRUPT_INPUT);
            }
            return packets;
        } finally {
            av_packet_free(packet);
        }
    }

    private static long time(long value) {
        return value == AV_NOPTS_VALUE ? Packet.NO_TIME : value;
    }

    AVFormatContext format() {
        return format;
    }

    int streamIndex() {
        return streamIndex;
    }

    AVStream stream() {
        return format.streams(streamIndex);
    }

    List<Packet> packets() {
        return packets;
    }

    long[] timeBase() {
        return new long[] {stream().time_base().num(), stream().time_base().den()};
    }

    /** The file's start time (where FFmpeg's time line begins) in the stream's time base. */
    long startTicks() {
        long start = format.start_time();
        return start == AV_NOPTS_VALUE ? 0 : av_rescale_q(start, av_make_q(1, AV_TIME_BASE), stream().time_base());
    }

    int keyframes() {
        return (int) packets.stream().filter(Packet::key).count();
    }

    @Override
    public void close() {
        avformat_close_input(format);
    }
}
