package dev.framesmith.video.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Bytes that look like videos (and some that do not), generated at test time. */
public final class TestVideos {

    private TestVideos() {
    }

    /** An ISO base media file: an {@code ftyp} box, then {@code size} bytes in all of seeded filler. */
    public static byte[] mp4(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] header = mp4Header();
        System.arraycopy(header, 0, bytes, 0, Math.min(header.length, size));
        return bytes;
    }

    public static byte[] mp4Header() {
        byte[] header = new byte[24];
        header[3] = 24;
        System.arraycopy("ftypisom".getBytes(StandardCharsets.US_ASCII), 0, header, 4, 8);
        header[14] = 2;
        System.arraycopy("isomiso2".getBytes(StandardCharsets.US_ASCII), 0, header, 16, 8);
        return header;
    }

    public static byte[] text(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'a');
        byte[] start = "This is a plain text file, not a video.\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, bytes, 0, Math.min(start.length, size));
        return bytes;
    }
}
