package dev.framesmith.decoder;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PNG;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Scales a decoded picture and writes it as JPEG (quality 2, full-range 4:2:0) or PNG (RGB), as the filter method
 * does: width capped at {@code maxWidth}, height following the aspect ratio, both even. Each file is written under
 * a temporary name and renamed when complete, so a file with its final name is always whole.
 */
final class FrameWriter implements AutoCloseable {

    private final Path directory;
    private final boolean png;
    private final int maxWidth;
    private final AVPacket packet = av_packet_alloc();
    private AVCodecContext encoder;
    private SwsContext scaler;
    private AVFrame scaled;
    private int sourceWidth;
    private int sourceHeight;
    private int sourceFormat = -1;
    private long next;

    /** @param maxWidth widest frame, 0 for the source width */
    FrameWriter(Path directory, String format, int maxWidth) {
        this.directory = directory;
        this.png = "png".equals(format);
        this.maxWidth = maxWidth;
    }

    String extension() {
        return png ? "png" : "jpg";
    }

    /** Encodes the picture once and writes it as each of the given frame numbers (from 1). */
    void write(AVFrame picture, int[] numbers) {
        byte[] image = encode(picture);
        for (int number : numbers) {
            Path target = directory.resolve(DecoderProtocol.frameName(number, extension()));
            Path partial = directory.resolve(target.getFileName() + DecoderProtocol.PARTIAL_SUFFIX);
            try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(image);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + partial, e);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rename " + partial, e);
            }
        }
    }

    private byte[] encode(AVFrame picture) {
        if (encoder == null || picture.width() != sourceWidth || picture.height() != sourceHeight
                || picture.format() != sourceFormat) {
            release();
            open(picture);
        }
        Libav.check(av_frame_make_writable(scaled), "frame buffer", DecoderProtocol.OUT_OF_MEMORY);
        sws_scale(scaler, picture.data(), picture.linesize(), 0, picture.height(), scaled.data(), scaled.linesize());
        scaled.quality(encoder.global_quality());
        scaled.pts(next++);
        Libav.check(avcodec_send_frame(encoder, scaled), "encode", DecoderProtocol.DAMAGED_PICTURE);
        Libav.check(avcodec_receive_packet(encoder, packet), "encoded picture", DecoderProtocol.DAMAGED_PICTURE);
        try {
            byte[] bytes = new byte[packet.size()];
            packet.data().get(bytes);
            return bytes;
        } finally {
            av_packet_unref(packet);
        }
    }

    private void open(AVFrame picture) {
        sourceWidth = picture.width();
        sourceHeight = picture.height();
        sourceFormat = picture.format();
        int[] size = FrameSize.of(sourceWidth, sourceHeight, maxWidth);
        int pixelFormat = png ? AV_PIX_FMT_RGB24 : AV_PIX_FMT_YUVJ420P;
        AVCodec codec = avcodec_find_encoder(png ? AV_CODEC_ID_PNG : AV_CODEC_ID_MJPEG);
        encoder = avcodec_alloc_context3(codec);
        encoder.width(size[0]);
        encoder.height(size[1]);
        encoder.pix_fmt(pixelFormat);
        encoder.time_base(av_make_q(1, 25));
        if (!png) {
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_QSCALE);
            encoder.global_quality(2 * FF_QP2LAMBDA);
        }
        Libav.check(avcodec_open2(encoder, codec, (AVDictionary) null), "open encoder", DecoderProtocol.OUT_OF_MEMORY);
        scaler = sws_getContext(sourceWidth, sourceHeight, sourceFormat, size[0], size[1], pixelFormat, SWS_BICUBIC,
                null, null, (DoublePointer) null);
        if (scaler == null) {
            throw new DecodeFailure(DecoderProtocol.DAMAGED_PICTURE, "cannot convert pictures of format " + sourceFormat);
        }
        scaled = av_frame_alloc();
        scaled.width(size[0]);
        scaled.height(size[1]);
        scaled.format(pixelFormat);
        Libav.check(av_frame_get_buffer(scaled, 0), "frame buffer", DecoderProtocol.OUT_OF_MEMORY);
    }

    private void release() {
        if (encoder != null) {
            avcodec_free_context(encoder);
            encoder = null;
        }
        if (scaler != null) {
            sws_freeContext(scaler);
            scaler = null;
        }
        if (scaled != null) {
            av_frame_free(scaled);
            scaled = null;
        }
    }

    @Override
    public void close() {
        release();
        av_packet_free(packet);
    }
}
