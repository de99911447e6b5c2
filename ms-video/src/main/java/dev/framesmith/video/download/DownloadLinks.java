package dev.framesmith.video.download;

import dev.framesmith.contracts.StorageKeys;
import dev.framesmith.video.catalog.Video;
import dev.framesmith.video.storage.VideoObjects;
import dev.framesmith.video.storage.VideoObjects.PresignedUrl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Presigned links to a video's frame archive, saved by browsers as {@code <video name>-frames.zip}, and to its contact
 * sheet, shown inline.
 */
@Component
public class DownloadLinks {

    private final VideoObjects objects;

    DownloadLinks(VideoObjects objects) {
        this.objects = objects;
    }

    public PresignedUrl framesLink(Video video, Duration ttl) {
        return objects.presignGet(StorageKeys.frames(video.getUserId(), video.getId()),
                contentDisposition(video.getFilename()), ttl);
    }

    public PresignedUrl previewLink(Video video, Duration ttl) {
        return objects.presignGet(StorageKeys.preview(video.getUserId(), video.getId()), "inline", ttl);
    }

    /** {@code attachment} with an ASCII fallback name and the UTF-8 name of RFC 6266 / RFC 8187. */
    static String contentDisposition(String filename) {
        String base = filename == null ? "video" : filename;
        base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        base = base.replaceAll("[^\\p{L}\\p{N} ._-]", "_").strip();
        if (base.isEmpty() || base.chars().allMatch(c -> c == '.' || c == '_')) {
            base = "video";
        }
        String name = base + "-frames.zip";
        String ascii = name.replaceAll("[^A-Za-z0-9 ._-]", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
