package dev.framesmith.video.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void ordinaryNamesAreKept() {
        assertThat(FileNames.display("holiday.mp4")).isEqualTo("holiday.mp4");
        assertThat(FileNames.display("été à Zürich 🎬.mov")).isEqualTo("été à Zürich 🎬.mov");
    }

    @Test
    void pathTraversalIsJustText() {
        assertThat(FileNames.display("../../etc/passwd.mp4")).isEqualTo("../../etc/passwd.mp4");
        assertThat(FileNames.metadata("../../etc/passwd.mp4")).isEqualTo("..%2F..%2Fetc%2Fpasswd.mp4");
    }

    @Test
    void controlAndDirectionCharactersAreDroppedFromTheDisplayName() {
        assertThat(FileNames.display("a\u0000b\u0007c\td\u001B[31m.mp4")).isEqualTo("abcd[31m.mp4");
        assertThat(FileNames.display("evil\u202Egnp.mp4")).isEqualTo("evilgnp.mp4");
        assertThat(FileNames.display("\u0001\u0002")).isEqualTo("video");
        assertThat(FileNames.display("   ")).isEqualTo("video");
        assertThat(FileNames.display(null)).isEqualTo("video");
    }

    @Test
    void longNamesAreCappedForDisplayAndMetadata() {
        String kilobyte = "x".repeat(1024) + ".mp4";
        assertThat(FileNames.display(kilobyte)).hasSize(FileNames.MAX_DISPLAY);
        String emojis = "🎬".repeat(400);
        assertThat(FileNames.display(emojis).codePointCount(0, FileNames.display(emojis).length()))
                .isEqualTo(FileNames.MAX_DISPLAY);
        String encoded = FileNames.metadata(emojis);
        assertThat(encoded.length()).isLessThanOrEqualTo(FileNames.MAX_METADATA);
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo("🎬".repeat(encoded.length() / 12));
    }

    @Test
    void metadataIsAsciiAndDecodesToTheOriginal() {
        String original = "a\u0000\"b\r\n'<c>.mp4";
        String encoded = FileNames.metadata(original);
        assertThat(encoded).matches("[A-Za-z0-9%._*+-]*");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(original);
    }
}
