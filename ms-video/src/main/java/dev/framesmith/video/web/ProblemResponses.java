package dev.framesmith.video.web;

/** Descriptions of the problem responses, naming their types, shared by the controllers' OpenAPI annotations. */
public final class ProblemResponses {

    public static final String NOT_FOUND = "No such video among yours, also for malformed ids (`video-not-found`)";
    public static final String VALIDATION = "A field is invalid, each listed in `errors` (`validation`)";
    public static final String MALFORMED = "the body is not the expected JSON or multipart (`malformed-request`)";
    public static final String NOT_A_VIDEO = "The content is not a video container we accept (`not-a-video`), the"
            + " file is empty (`empty-file`), or the request is not multipart/form-data (`unsupported-media-type`)";
    public static final String TOO_LARGE = "A file exceeds framesmith.video.max-upload-size (`file-too-large`)";
    public static final String NOT_READY = "The frames are not ready: the video is not DONE (`not-ready`)";
    public static final String NO_PREVIEW = "No such video among yours (`video-not-found`), or it is DONE without a"
            + " contact sheet (`no-preview`)";
    public static final String UPLOAD_CONFLICT = "The uploaded object has another size than declared"
            + " (`size-mismatch`), is missing (`upload-incomplete`), or the upload expired (`upload-expired`)";
    public static final String RENEW_CONFLICT = "The upload was completed (`already-uploaded`), or expired, or started"
            + " more than framesmith.video.upload-max-duration ago (`upload-expired`)";
    public static final String BUSY = "Too many large uploads are running; try again after `Retry-After` seconds"
            + " (`uploads-busy`)";

    public static final String TOO_SLOW = "The request body arrived slower than framesmith.video.min-upload-rate"
            + " (`upload-too-slow`), or took longer than framesmith.video.stream-max-duration to arrive"
            + " (`upload-too-long`); nothing was kept";
    public static final String TOO_MANY_UPLOADS = "The caller has framesmith.video.quotas.concurrent-uploads uploads in"
            + " progress (`too-many-uploads`), or this one would take its waiting videos past"
            + " framesmith.video.quotas.waiting-videos (`too-many-waiting-videos`); try again after `Retry-After` seconds";
    public static final String TOO_MANY_STREAMS = "The caller has framesmith.video.quotas.event-streams streams open"
            + " (`too-many-event-streams`); try again after `Retry-After` seconds";

    private ProblemResponses() {
    }
}
