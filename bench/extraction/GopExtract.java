import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Prototype: frame-accurate sampling that decodes only what the samples need.
 *
 * Pass 1 (index): demux every packet of the picture stream without decoding: pts, dts, key flag, in
 * decode order. Slot n (time n/R on the file's time line, origin = the file's start time, as the CLI
 * uses it) takes the last picture whose pts <= n/R (first picture if none) - the picture FFmpeg's
 * fps=R:round=up:start_time=0 keeps. Each target picture needs decoding from the keyframe before it in
 * decode order (the one before that if the target is a leading picture with pts below its keyframe's).
 * Overlapping or touching runs are merged.
 *
 * Pass 2 (decode): packets are read on in order when the next run starts soon, or after a seek to the
 * run's keyframe (found again by its dts and pts) when it starts more than seekgap packets later; only
 * packets inside a run are sent to the
 * decoder; after a run ends the decoder is drained and flushed. With nonref=true, packets that are not
 * targets are sent with skip_frame=NONREF, so pictures nothing refers to are not reconstructed.
 *
 * Usage: GopExtract in fpsNum fpsDen count outDir|- jpg|png|raw [key=value ...]
 *   keys: nonref=true|false, seekgap=<packets> (seek when the next run starts that many packets later;
 *   -1 never), threads=N, rawout=<file> (raw yuv of each slot in order, for accuracy checks),
 *   maxwidth=N, maxpixels=N (largest picture the decoder accepts), strict=true|false (fail on a damaged
 *   demuxed packet or a kept picture decoded with errors), repeat=N (run N times in one JVM)
 */
public final class GopExtract {

    /** AV_FRAME_FLAG_CORRUPT of libavutil/frame.h */
    static final int FRAME_FLAG_CORRUPT = 1;
    static boolean strictTargets;

    record Pkt(long pts, long dts, boolean key, long duration) { }

    public static void main(String[] args) throws Exception {
        // repeat=N runs the whole extraction N times in this JVM: the first run pays for loading the native
        // libraries, the later ones show the cost inside a long-running process
        int repeat = 1;
        for (String a : args) {
            if (a.startsWith("repeat=")) {
                repeat = Integer.parseInt(a.substring(7));
            }
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < repeat; i++) {
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            extract(args);
            System.err.printf("run %d: %d ms wall, %d ms CPU (this process)%n", i + 1,
                    (System.nanoTime() - wall) / 1_000_000, (os.getProcessCpuTime() - cpu) / 1_000_000);
        }
    }

    static void extract(String[] args) throws Exception {
        long t0 = System.nanoTime();
        String in = args[0];
        long rNum = Long.parseLong(args[1]);
        long rDen = Long.parseLong(args[2]);
        String outDir = args[4];
        String format = args[5];
        Map<String, String> opt = new HashMap<>();
        for (int i = 6; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            opt.put(kv[0], kv[1]);
        }
        boolean nonref = Boolean.parseBoolean(opt.getOrDefault("nonref", "true"));
        int seekGap = Integer.parseInt(opt.getOrDefault("seekgap", "120"));
        int threads = Integer.parseInt(opt.getOrDefault("threads", "0"));
        String threadType = opt.getOrDefault("threadtype", "frame");
        String rawOut = opt.get("rawout");
        int maxWidth = Integer.parseInt(opt.getOrDefault("maxwidth", "0"));
        av_log_set_level(AV_LOG_ERROR);
        long tLoaded = System.nanoTime();

        boolean strict = Boolean.parseBoolean(opt.getOrDefault("strict", "true"));
        AVFormatContext fmt = new AVFormatContext(null);
        AVDictionary fmtOpts = new AVDictionary(null);
        if (strict) {
            av_dict_set(fmtOpts, "err_detect", "explode", 0);
        }
        check(avformat_open_input(fmt, in, null, fmtOpts), "open");
        av_dict_free(fmtOpts);
        // reading the stream parameters may decode a picture: the same size limit applies there
        PointerPointer<AVDictionary> infoOpts = new PointerPointer<>(fmt.nb_streams());
        for (int i = 0; i < fmt.nb_streams(); i++) {
            AVDictionary d = new AVDictionary(null);
            if (opt.containsKey("maxpixels")) {
                av_dict_set(d, "max_pixels", opt.get("maxpixels"), 0);
            }
            infoOpts.put(i, d);
        }
        check(avformat_find_stream_info(fmt, infoOpts), "stream info");
        int vi = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        check(vi, "no video stream");
        for (int i = 0; i < fmt.nb_streams(); i++) {
            if (i != vi) {
                fmt.streams(i).discard(AVDISCARD_ALL);
            }
        }
        AVStream st = fmt.streams(vi);
        AVRational tb = st.time_base();
        long tbNum = tb.num();
        long tbDen = tb.den();
        long startTicks = fmt.start_time() == AV_NOPTS_VALUE ? 0
                : av_rescale_q(fmt.start_time(), av_make_q(1, AV_TIME_BASE), tb);

        // ---- pass 1: packet index
        long tIndex0 = System.nanoTime();
        long tOpen = tIndex0 - tLoaded;
        List<Pkt> pkts = new ArrayList<>();
        AVPacket pkt = av_packet_alloc();
        int read;
        while ((read = av_read_frame(fmt, pkt)) >= 0) {
            if (pkt.stream_index() == vi) {
                long pts = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
                pkts.add(new Pkt(pts, pkt.dts(), (pkt.flags() & AV_PKT_FLAG_KEY) != 0, Math.max(0, pkt.duration())));
            }
            av_packet_unref(pkt);
        }
        if (read != AVERROR_EOF) {
            check(read, "damaged or truncated file");
        }
        long tIndex = System.nanoTime() - tIndex0;
        int n = pkts.size();
        if (n == 0) {
            throw new IllegalStateException("no picture packets");
        }
        // as many slots as sampling times before the last picture ends (fps filter with round=up at EOF)
        long endTicks = Long.MIN_VALUE;
        for (Pkt p : pkts) {
            endTicks = Math.max(endTicks, p.pts + p.duration);
        }
        int count = "auto".equals(args[3])
                ? (int) Math.max(1, ceilDiv(Math.multiplyExact(endTicks - startTicks, tbNum * rNum), tbDen * rDen))
                : Integer.parseInt(args[3]);
        int keys = 0;
        for (Pkt p : pkts) {
            keys += p.key ? 1 : 0;
        }

        // ---- plan: target packet (decode index) for each slot
        Integer[] byPts = new Integer[n];
        for (int i = 0; i < n; i++) {
            byPts[i] = i;
        }
        Arrays.sort(byPts, (a, b) -> Long.compare(pkts.get(a).pts, pkts.get(b).pts));
        int[] slotTarget = new int[count];
        int j = -1;
        for (int s = 0; s < count; s++) {
            // last picture with (pts - start) * tb * R <= s, i.e. (pts-start)*tbNum*rNum <= s*tbDen*rDen
            while (j + 1 < n && Math.multiplyExact(pkts.get(byPts[j + 1]).pts - startTicks, tbNum * rNum)
                    <= Math.multiplyExact((long) s, tbDen * rDen)) {
                j++;
            }
            slotTarget[s] = byPts[Math.max(j, 0)];
        }
        // runs in decode order
        int[] targets = Arrays.stream(slotTarget).distinct().sorted().toArray();
        boolean[] isTarget = new boolean[n];
        for (int t : targets) {
            isTarget[t] = true;
        }
        List<int[]> runs = new ArrayList<>();
        for (int d : targets) {
            int s = d;
            while (s > 0 && !pkts.get(s).key) {
                s--;
            }
            if (pkts.get(d).pts < pkts.get(s).pts) { // leading picture: start one keyframe earlier
                s--;
                while (s > 0 && !pkts.get(s).key) {
                    s--;
                }
            }
            s = Math.max(0, s);
            if (!runs.isEmpty() && s <= runs.get(runs.size() - 1)[1] + 1) {
                runs.get(runs.size() - 1)[1] = Math.max(runs.get(runs.size() - 1)[1], d);
            } else {
                runs.add(new int[] {s, d});
            }
        }
        long needed = runs.stream().mapToLong(r -> r[1] - r[0] + 1).sum();

        // ---- decoder
        AVCodecParameters par = st.codecpar();
        AVCodec codec = avcodec_find_decoder(par.codec_id());
        AVCodecContext dec = avcodec_alloc_context3(codec);
        check(avcodec_parameters_to_context(dec, par), "params");
        dec.thread_count(threads);
        dec.thread_type("slice".equals(threadType) ? 2 : 1);
        dec.pkt_timebase(tb);
        // The decoder is not told to fail on the first error: starting at a keyframe that is not an IDR (open GOP)
        // makes H.264 complain about references from before it, as any seek does. Strictness is kept where it
        // matters: the demuxer fails on damaged data, and every picture that is kept must be decoded clean.
        AVDictionary decOpts = new AVDictionary(null);
        if (opt.containsKey("maxpixels")) {
            // libavcodec refuses pictures larger than this (width x height) before allocating them
            av_dict_set(decOpts, "max_pixels", opt.get("maxpixels"), 0);
        }
        check(avcodec_open2(dec, codec, decOpts), "open decoder");
        av_dict_free(decOpts);
        strictTargets = strict;

        // slots per target pts
        Map<Long, List<Integer>> slotsByPts = new HashMap<>();
        for (int s = 0; s < count; s++) {
            slotsByPts.computeIfAbsent(pkts.get(slotTarget[s]).pts, k -> new ArrayList<>()).add(s);
        }
        Encoder enc = "raw".equals(format) ? null : new Encoder(format, maxWidth);
        byte[][] raw = rawOut != null ? new byte[count][] : null;
        boolean[] done = new boolean[count];

        // ---- pass 2
        long tDecode0 = System.nanoTime();
        // back to the start; the first run's keyframe is then found by its timestamps, as after any seek
        check(avformat_seek_file(fmt, vi, Long.MIN_VALUE, pkts.get(0).dts, pkts.get(0).dts, 0), "rewind");
        int readIdx = -1; // decode index of the last packet read
        int sent = 0;
        int decodedFrames = 0;
        int seeks = 0;
        int leading = 0;
        AVFrame frame = av_frame_alloc();
        boolean sought = true;
        for (int r = 0; r < runs.size(); r++) {
            int s = runs.get(r)[0];
            int e = runs.get(r)[1];
            if (seekGap >= 0 && s - readIdx > seekGap) {
                Pkt k = pkts.get(s);
                check(avformat_seek_file(fmt, vi, Long.MIN_VALUE, k.pts, k.pts, 0), "seek");
                seeks++;
                sought = true;
            }
            // read until packet s
            while (true) {
                check(av_read_frame(fmt, pkt), "read");
                if (pkt.stream_index() != vi) {
                    av_packet_unref(pkt);
                    continue;
                }
                if (sought) {
                    // find where we landed: match by dts and pts
                    Pkt k = pkts.get(s);
                    long pts = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
                    if (pkt.dts() == k.dts && pts == k.pts) {
                        readIdx = s;
                        sought = false;
                        break;
                    }
                    av_packet_unref(pkt);
                    continue;
                }
                readIdx++;
                if (readIdx >= s) {
                    break;
                }
                av_packet_unref(pkt);
            }
            // decode s..e; pictures shown before the run's keyframe (leading pictures of an open GOP) are not
            // targets and cannot be decoded from here: they are not sent
            long keyPts = pkts.get(s).pts;
            while (true) {
                if (readIdx > s && pkts.get(readIdx).pts < keyPts && !isTarget[readIdx]) {
                    leading++;
                    av_packet_unref(pkt);
                } else {
                    // pictures that no other picture refers to are only reconstructed when they are kept
                    dec.skip_frame(nonref && !isTarget[readIdx] ? AVDISCARD_NONREF : AVDISCARD_DEFAULT);
                    check(avcodec_send_packet(dec, pkt), "send");
                    sent++;
                    av_packet_unref(pkt);
                    decodedFrames += receive(dec, frame, slotsByPts, done, enc, outDir, raw);
                }
                if (readIdx >= e) {
                    break;
                }
                do {
                    check(av_read_frame(fmt, pkt), "read");
                    if (pkt.stream_index() != vi) {
                        av_packet_unref(pkt);
                    }
                } while (pkt.stream_index() != vi);
                readIdx++;
            }
            avcodec_send_packet(dec, null);
            decodedFrames += receive(dec, frame, slotsByPts, done, enc, outDir, raw);
            avcodec_flush_buffers(dec);
        }
        long tDecode = System.nanoTime() - tDecode0;
        int missing = 0;
        for (boolean b : done) {
            missing += b ? 0 : 1;
        }
        if (raw != null) {
            try (OutputStream out = new FileOutputStream(rawOut)) {
                for (byte[] b : raw) {
                    if (b != null) {
                        out.write(b);
                    }
                }
            }
        }
        System.err.printf("leading_skipped=%d packets=%d keyframes=%d slots=%d targets=%d runs=%d needed=%d sent=%d frames=%d seeks=%d"
                        + " missing=%d load_ms=%d open_ms=%d index_ms=%d decode_ms=%d total_ms=%d%n",
                leading, n, keys, count, targets.length, runs.size(), needed, sent, decodedFrames, seeks, missing,
                (tLoaded - t0) / 1_000_000, tOpen / 1_000_000, tIndex / 1_000_000, tDecode / 1_000_000, (System.nanoTime() - t0) / 1_000_000);
        avcodec_free_context(dec);
        avformat_close_input(fmt);
        av_packet_free(pkt);
        av_frame_free(frame);
        if (enc != null) {
            enc.close();
        }
        if (missing > 0) {
            throw new IllegalStateException(missing + " samples were not decoded");
        }
    }

    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static int receive(AVCodecContext dec, AVFrame frame, Map<Long, List<Integer>> slotsByPts,
            boolean[] done, Encoder enc, String outDir, byte[][] raw) throws IOException {
        int frames = 0;
        while (true) {
            int ret = avcodec_receive_frame(dec, frame);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
                return frames;
            }
            check(ret, "receive");
            frames++;
            long pts = frame.best_effort_timestamp();
            List<Integer> slots = slotsByPts.get(pts);
            if (slots != null && !done[slots.get(0)]) {
                if (strictTargets && (frame.decode_error_flags() != 0 || (frame.flags() & FRAME_FLAG_CORRUPT) != 0)) {
                    throw new IllegalStateException("damaged picture at pts " + pts);
                }
                byte[] bytes = raw != null ? rawYuv(frame) : null;
                byte[] image = enc != null ? enc.encode(frame) : null;
                for (int s : slots) {
                    done[s] = true;
                    if (raw != null) {
                        raw[s] = bytes;
                    }
                    if (image != null && !"-".equals(outDir)) {
                        Files.write(Path.of(outDir, String.format("frame_%05d.%s", s + 1, enc.ext)), image);
                    }
                }
            }
            av_frame_unref(frame);
        }
    }

    /** Planar yuv420p bytes of a frame (8-bit only), for comparisons. */
    private static byte[] rawYuv(AVFrame f) {
        int w = f.width();
        int h = f.height();
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        byte[] out = new byte[w * h + 2 * cw * ch];
        int o = 0;
        for (int p = 0; p < 3; p++) {
            int pw = p == 0 ? w : cw;
            int ph = p == 0 ? h : ch;
            BytePointer data = f.data(p);
            int ls = f.linesize(p);
            for (int y = 0; y < ph; y++) {
                data.position((long) y * ls).get(out, o, pw);
                o += pw;
            }
            data.position(0);
        }
        return out;
    }

    static final class Encoder {
        final String ext;
        private final boolean png;
        private final int maxWidth;
        private AVCodecContext ctx;
        private SwsContext sws;
        private AVFrame dst;
        private final AVPacket out = av_packet_alloc();
        private long next;

        Encoder(String format, int maxWidth) {
            this.png = "png".equals(format);
            this.ext = png ? "png" : "jpg";
            this.maxWidth = maxWidth;
        }

        void close() {
            if (ctx != null) {
                avcodec_free_context(ctx);
                sws_freeContext(sws);
                av_frame_free(dst);
            }
            av_packet_free(out);
        }

        byte[] encode(AVFrame f) {
            if (ctx == null) {
                int w = f.width();
                int h = f.height();
                if (maxWidth > 0 && w > maxWidth) {
                    h = (int) Math.round((double) h * maxWidth / w);
                    w = maxWidth;
                }
                w &= ~1;
                h &= ~1;
                int pixFmt = png ? AV_PIX_FMT_RGB24 : AV_PIX_FMT_YUVJ420P;
                AVCodec codec = avcodec_find_encoder(png ? AV_CODEC_ID_PNG : AV_CODEC_ID_MJPEG);
                ctx = avcodec_alloc_context3(codec);
                ctx.width(w);
                ctx.height(h);
                ctx.pix_fmt(pixFmt);
                ctx.time_base(av_make_q(1, 25));
                if (!png) {
                    ctx.flags(ctx.flags() | AV_CODEC_FLAG_QSCALE);
                    ctx.global_quality(2 * FF_QP2LAMBDA);
                }
                check(avcodec_open2(ctx, codec, (AVDictionary) null), "open encoder");
                sws = sws_getContext(f.width(), f.height(), f.format(), w, h, pixFmt, SWS_BICUBIC, null, null,
                        (DoublePointer) null);
                dst = av_frame_alloc();
                dst.width(w);
                dst.height(h);
                dst.format(pixFmt);
                check(av_frame_get_buffer(dst, 0), "frame buffer");
            }
            check(av_frame_make_writable(dst), "writable");
            sws_scale(sws, f.data(), f.linesize(), 0, f.height(), dst.data(), dst.linesize());
            dst.quality(ctx.global_quality());
            dst.pts(next++);
            check(avcodec_send_frame(ctx, dst), "encode");
            check(avcodec_receive_packet(ctx, out), "encoded");
            byte[] bytes = new byte[out.size()];
            out.data().get(bytes);
            av_packet_unref(out);
            return bytes;
        }
    }

    static int check(int ret, String what) {
        if (ret < 0) {
            BytePointer buf = new BytePointer(256);
            av_strerror(ret, buf, 256);
            throw new IllegalStateException(what + ": " + ret);
        }
        return ret;
    }
}
