package dev.framesmith.worker.probe;

import java.util.List;

/**
 * What FFmpeg could tell about a file.
 *
 * @param opened          FFmpeg recognised and opened the container
 * @param container       FFmpeg's demuxer names, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}; {@code null} when not opened
 * @param durationSeconds the container's duration, {@code null} when FFmpeg reports none
 * @param startSeconds    the container's first timestamp; FFmpeg's time line (for {@code -ss} and filters) starts there
 * @param video           the first real picture stream (not a cover image), or {@code null}
 * @param hasAudio        the file has at least one sound stream
 * @param sniffedFormat   the container the first bytes look like, whatever FFmpeg said, or {@code null}
 * @param errors          FFmpeg's complaints while opening the file, for the logs
 */
public record ProbeReport(
        boolean opened,
        String container,
        Double durationSeconds,
        double startSeconds,
        VideoStream video,
        boolean hasAudio,
        String sniffedFormat,
        List<String> errors) {

    public ProbeReport {
        errors = List.copyOf(errors);
    }

    /** Image demuxers open single pictures, which are not videos. */
    public boolean isStillImage() {
        return container != null && (container.equals("image2") || container.endsWith("_pipe"));
    }

    ProbeReport withSniffedFormat(String format) {
        return new ProbeReport(opened, container, durationSeconds, startSeconds, video, hasAudio, format, errors);
    }

    /**
     * @param index           the stream's index in the container, for {@code -map 0:<index>}
     * @param codec           FFmpeg's codec name, e.g. {@code h264}
     * @param width           coded width in pixels, 0 when unknown
     * @param height          coded height in pixels, 0 when unknown
     * @param framesPerSecond the stream's frame rate, {@code null} when unknown
     */
    public record VideoStream(int index, String codec, int width, int height, Double framesPerSecond) {
    }
}
