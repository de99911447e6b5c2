package dev.framesmith.video.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentSnifferTest {

    @Test
    void isoBaseMediaFilesAreToldByTheirBrand() {
        assertThat(mime(ftyp("isom"))).contains("video/mp4");
        assertThat(mime(ftyp("mp42"))).contains("video/mp4");
        assertThat(mime(ftyp("M4V "))).contains("video/mp4");
        assertThat(mime(ftyp("qt  "))).contains("video/quicktime");
        assertThat(mime(ftyp("3gp4"))).contains("video/3gpp");
        assertThat(mime(ftyp("3g2a"))).contains("video/3gpp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"M4A ", "M4B ", "heic", "mif1", "avif"})
    void audioAndStillImagesInTheSameFamilyAreRefused(String brand) {
        assertThat(mime(ftyp(brand))).isEmpty();
    }

    @Test
    void classicQuickTimeStartsWithAnAtom() {
        byte[] mov = concat(new byte[] {0, 0, 0, 8}, ascii("wide"), new byte[] {0, 0, 0, 16}, ascii("mdat"));
        assertThat(mime(mov)).contains("video/quicktime");
    }

    @Test
    void matroskaAndWebm() {
        byte[] ebml = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) 0x9F, 0x42, (byte) 0x86, (byte) 0x81, 0x01};
        assertThat(mime(concat(ebml, ascii("B\u0082\u0084webm")))).contains("video/webm");
        assertThat(mime(concat(ebml, ascii("B\u0082\u0088matroska")))).contains("video/x-matroska");
    }

    @Test
    void aviButNotWave() {
        assertThat(mime(concat(ascii("RIFF"), new byte[4], ascii("AVI LIST")))).contains("video/x-msvideo");
        assertThat(mime(concat(ascii("RIFF"), new byte[4], ascii("WAVEfmt ")))).isEmpty();
    }

    @Test
    void mpegTransportStreamsNeedSyncBytesEveryPacket() {
        byte[] ts = new byte[188 * 4];
        for (int i = 0; i < ts.length; i += 188) {
            ts[i] = 0x47;
        }
        assertThat(mime(ts)).contains("video/mp2t");
        ts[188 * 2] = 0x00;
        assertThat(mime(ts)).isEmpty();

        byte[] m2ts = new byte[192 * 4];
        for (int i = 4; i < m2ts.length; i += 192) {
            m2ts[i] = 0x47;
        }
        assertThat(mime(m2ts)).contains("video/mp2t");
    }

    @Test
    void aTextStartingWithGIsNotATransportStream() {
        assertThat(mime(ascii("Good morning, this is not a video at all.".repeat(20)))).isEmpty();
    }

    @Test
    void programStreamsFlvAsfAndOggTheora() {
        assertThat(mime(new byte[] {0, 0, 1, (byte) 0xBA, 0x44, 0, 4, 0})).contains("video/mpeg");
        assertThat(mime(new byte[] {0, 0, 1, (byte) 0xB3, 0x14, 0, (byte) 0xF0, 0})).contains("video/mpeg");
        assertThat(mime(concat(ascii("FLV"), new byte[] {1, 5, 0, 0, 0, 9}))).contains("video/x-flv");
        byte[] asf = {0x30, 0x26, (byte) 0xB2, 0x75, (byte) 0x8E, 0x66, (byte) 0xCF, 0x11, (byte) 0xA6, (byte) 0xD9,
                0x00, (byte) 0xAA, 0x00, 0x62, (byte) 0xCE, 0x6C, 0, 0};
        assertThat(mime(asf)).contains("video/x-ms-asf");
        assertThat(mime(concat(ascii("OggS"), new byte[24], ascii("\u0080theora")))).contains("video/ogg");
        assertThat(mime(concat(ascii("OggS"), new byte[24], ascii("\u0001vorbis")))).isEmpty();
    }

    @Test
    void otherContentIsNotAVideo() {
        assertThat(mime(ascii("%PDF-1.7 ...................."))).isEmpty();
        assertThat(mime(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13})).isEmpty();
        assertThat(mime(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0})).isEmpty();
        assertThat(mime(new byte[] {1, 2})).isEmpty();
        assertThat(mime(new byte[0])).isEmpty();
    }

    @Test
    void onlyTheGivenLengthCounts() {
        byte[] buffer = new byte[64];
        System.arraycopy(ftyp("isom"), 0, buffer, 0, 16);
        assertThat(ContentSniffer.detect(buffer, 7)).isEmpty();
        assertThat(ContentSniffer.detect(buffer, 16)).isPresent();
    }

    private static Optional<String> mime(byte[] head) {
        return ContentSniffer.detect(head, head.length).map(ContentSniffer.Container::mimeType);
    }

    private static byte[] ftyp(String brand) {
        return concat(new byte[] {0, 0, 0, 20}, ascii("ftyp" + brand), new byte[] {0, 0, 0, 0}, ascii(brand));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
