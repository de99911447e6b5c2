package dev.framesmith.video.web;

/** Descriptions of the problem responses, shared by the controllers' OpenAPI annotations. */
public final class ProblemResponses {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String NOT_FOUND = "video-not-found: no such video among yours (also for malformed ids)";
    public static final String VALIDATION = "validation: a field is invalid (see errors)";
    public static final String MALFORMED = "malformed-request: the body is not the expected JSON or multipart";
    public static final String NOT_A_VIDEO = "not-a-video / empty-file / unsupported-media-type: the content is not a"
            + " video container we accept, the file is empty, or the request is not multipart/form-data";
    public static final String TOO_LARGE = "file-too-large: a file exceeds framesmith.video.max-upload-size";
    public static final String NOT_READY = "not-ready: the frames are not ready (the video is not DONE)";
    public static final String UPLOAD_CONFLICT = "size-mismatch / upload-incomplete / upload-expired: the uploaded"
            + " object is missing, has another size than declared, or the upload expired";

    private ProblemResponses() {
    }
}
