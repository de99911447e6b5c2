package dev.framesmith.worker.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Names the video container a file's first bytes belong to, so that a file FFmpeg cannot open can
 * be told apart: a damaged video, or something that never was one.
 */
final class ContainerSniffer {

    private static final int HEAD = 512;
    private static final int TS_PACKET = 188;

    private ContainerSniffer() {
    }

    static String sniff(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sniff(head);
    }

    static String sniff(byte[] head) {
        if (head.length >= 8) {
            String box = ascii(head, 4, 8);
            if (box.equals("ftyp") || box.equals("moov") || box.equals("mdat") || box.equals("wide")
                    || box.equals("free") || box.equals("skip")) {
                return "mp4";
            }
        }
        if (startsWith(head, 0x1A, 0x45, 0xDF, 0xA3)) {
            return "matroska";
        }
        if (head.length >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 12).equals("AVI ")) {
            return "avi";
        }
        if (startsWith(head, 'F', 'L', 'V', 0x01)) {
            return "flv";
        }
        if (startsWith(head, 'O', 'g', 'g', 'S')) {
            return "ogg";
        }
        if (startsWith(head, 0x00, 0x00, 0x01, 0xBA) || startsWith(head, 0x00, 0x00, 0x01, 0xB3)) {
            return "mpeg";
        }
        if (startsWith(head, 0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11)) {
            return "asf";
        }
        if (head.length > 2 * TS_PACKET && head[0] == 0x47 && head[TS_PACKET] == 0x47 && head[2 * TS_PACKET] == 0x47) {
            return "mpegts";
        }
        return null;
    }

    private static String ascii(byte[] bytes, int from, int to) {
        return new String(Arrays.copyOfRange(bytes, from, to), StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
