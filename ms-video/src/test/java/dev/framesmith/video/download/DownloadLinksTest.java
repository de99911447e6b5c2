package dev.framesmith.video.download;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownloadLinksTest {

    @Test
    void theArchiveIsNamedAfterTheVideo() {
        assertThat(DownloadLinks.contentDisposition("holiday.mp4"))
                .isEqualTo("attachment; filename=\"holiday-frames.zip\"; filename*=UTF-8''holiday-frames.zip");
    }

    @Test
    void nonAsciiNamesGetAnAsciiFallback() {
        assertThat(DownloadLinks.contentDisposition("été.mov"))
                .isEqualTo("attachment; filename=\"_t_-frames.zip\"; filename*=UTF-8''%C3%A9t%C3%A9-frames.zip");
    }

    @Test
    void quotesPathsAndControlsCannotBreakTheHeader() {
        String header = DownloadLinks.contentDisposition("../a\"b;c\r\nX: y.mp4");
        assertThat(header).startsWith("attachment; filename=\"").doesNotContain("\r", "\n", "..");
        assertThat(header.substring("attachment; filename=\"".length(), header.indexOf("\";"))).doesNotContain("\"");
        assertThat(DownloadLinks.contentDisposition("...")).contains("filename=\"video-frames.zip\"");
        assertThat(DownloadLinks.contentDisposition(null)).contains("filename=\"video-frames.zip\"");
    }
}
