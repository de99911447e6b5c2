package dev.framesmith.decoder;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOMEM;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import org.bytedeco.javacpp.BytePointer;

/** Turns libav's negative return codes into {@link DecodeFailure}s. */
final class Libav {

    private Libav() {
    }

    /** Returns {@code ret} when it is not an error; otherwise throws with {@code otherwise} or a more telling code. */
    static int check(int ret, String what, int otherwise) {
        if (ret >= 0) {
            return ret;
        }
        int code = ret == AVERROR_ENOMEM() ? DecoderProtocol.OUT_OF_MEMORY : otherwise;
        throw new DecodeFailure(code, what + ": " + describe(ret));
    }

    static String describe(int ret) {
        try (BytePointer buffer = new BytePointer(256)) {
            av_strerror(ret, buffer, 256);
            return buffer.getString() + " (" + ret + ")";
        }
    }
}
