package dev.framesmith.video.catalog;

/** How a video's bytes reached the bucket; stored by name ({@code STREAM}, {@code PUT}, {@code MULTIPART}). */
public enum UploadMethod {
    /** {@code POST /videos}: streamed through the service. */
    STREAM,
    /** A direct upload with one presigned PUT. */
    PUT,
    /** A direct upload in presigned multipart parts. */
    MULTIPART
}
