package dev.framesmith.video.upload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Tells video containers by their leading bytes; the file name and the declared content type are not
 * trusted. Knows ISO base media (MP4, MOV, 3GP, M4V), classic QuickTime, Matroska/WebM, AVI, MPEG transport
 * (188- and 192-byte packets), MPEG program streams and elementary video, FLV, ASF/WMV and Ogg Theora.
 * Audio-only and still-image files that share a container family (M4A, HEIC, AVIF, WAV) are refused.
 */
final class ContentSniffer {

    /** How many leading bytes {@link #detect(byte[], int)} wants to see (fewer is fine for small files). */
    static final int SNIFF_BYTES = 4096;

    private static final Set<String> NOT_VIDEO_BRANDS = Set.of("M4A ", "M4B ", "M4P ", "heic", "heix", "heim",
            "heis", "mif1", "msf1", "avif", "avis", "jp2 ", "jpm ", "jpx ", "crx ", "F4A ", "F4B ");
    private static final Set<String> QUICKTIME_ATOMS = Set.of("moov", "mdat", "wide", "free", "skip", "pnot");
    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
    private static final byte[] ASF = {0x30, 0x26, (byte) 0xB2, 0x75, (byte) 0x8E, 0x66, (byte) 0xCF, 0x11,
            (byte) 0xA6, (byte) 0xD9, 0x00, (byte) 0xAA, 0x00, 0x62, (byte) 0xCE, 0x6C};

    /** A recognised container. */
    record Container(String name, String mimeType) {
    }

    private ContentSniffer() {
    }

    static Optional<Container> detect(byte[] head, int length) {
        int n = Math.min(length, head.length);
        if (n < 4) {
            return Optional.empty();
        }
        if (n >= 12 && ascii(head, 4, 4).equals("ftyp") && boxSize(head) >= 8) {
            String brand = ascii(head, 8, 4);
            if (NOT_VIDEO_BRANDS.contains(brand)) {
                return Optional.empty();
            }
            if (brand.startsWith("3g")) {
                return Optional.of(new Container("3gp", "video/3gpp"));
            }
            if (brand.equals("qt  ")) {
                return Optional.of(new Container("mov", "video/quicktime"));
            }
            return Optional.of(new Container("mp4", "video/mp4"));
        }
        if (n >= 8 && QUICKTIME_ATOMS.contains(ascii(head, 4, 4)) && boxSize(head) >= 8) {
            return Optional.of(new Container("mov", "video/quicktime"));
        }
        if (startsWith(head, n, EBML)) {
            boolean webm = indexOf(head, n, "webm".getBytes(StandardCharsets.US_ASCII)) >= 0;
            return Optional.of(webm ? new Container("webm", "video/webm") : new Container("mkv", "video/x-matroska"));
        }
        if (n >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("AVI ")) {
            return Optional.of(new Container("avi", "video/x-msvideo"));
        }
        if (transportStream(head, n, 0, 188) || transportStream(head, n, 4, 192)) {
            return Optional.of(new Container("ts", "video/mp2t"));
        }
        if (n >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 1
                && ((head[3] & 0xFF) == 0xBA || (head[3] & 0xFF) == 0xB3)) {
            return Optional.of(new Container("mpeg", "video/mpeg"));
        }
        if (n >= 9 && ascii(head, 0, 3).equals("FLV") && head[3] == 1) {
            return Optional.of(new Container("flv", "video/x-flv"));
        }
        if (startsWith(head, n, ASF)) {
            return Optional.of(new Container("asf", "video/x-ms-asf"));
        }
        if (ascii(head, 0, 4).equals("OggS") && indexOf(head, n, "theora".getBytes(StandardCharsets.US_ASCII)) >= 0) {
            return Optional.of(new Container("ogv", "video/ogg"));
        }
        return Optional.empty();
    }

    /** A sync byte every {@code packet} bytes from {@code offset}, for the first three to five packets. */
    private static boolean transportStream(byte[] head, int n, int offset, int packet) {
        if (n < offset + 2 * packet + 1) {
            return false;
        }
        for (int at = offset, packets = 0; at < n && packets < 5; at += packet, packets++) {
            if (head[at] != 0x47) {
                return false;
            }
        }
        return true;
    }

    private static long boxSize(byte[] head) {
        return ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFFL) << 16) | ((head[2] & 0xFFL) << 8) | (head[3] & 0xFFL);
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        if (bytes.length < offset + length) {
            return "";
        }
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] head, int n, byte[] prefix) {
        return n >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] head, int n, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= n; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (head[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
