package dev.framesmith.video.upload;

import dev.framesmith.support.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** The problems an upload can end with. */
final class UploadProblems {

    static final String NOT_A_VIDEO = "not-a-video";
    static final String EMPTY_FILE = "empty-file";
    static final String FILE_TOO_LARGE = "file-too-large";
    static final String SIZE_MISMATCH = "size-mismatch";
    static final String UPLOAD_INCOMPLETE = "upload-incomplete";
    static final String UPLOAD_EXPIRED = "upload-expired";
    static final String BUSY = "uploads-busy";

    private UploadProblems() {
    }

    static ProblemException notAVideo(String filename) {
        return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, NOT_A_VIDEO, "Not a video",
                "The file is not a video in a container we accept (MP4, MOV, 3GP, WebM, MKV, AVI, MPEG-TS, MPEG-PS,"
                        + " FLV, WMV/ASF, Ogg Theora).")
                .with("filename", filename);
    }

    static ProblemException empty(String filename) {
        return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, EMPTY_FILE, "Empty file",
                "The file is empty.")
                .with("filename", filename);
    }

    static ProblemException tooLarge(String filename, DataSize limit) {
        return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, FILE_TOO_LARGE, "File too large",
                "A video may be at most " + limit.toMegabytes() + " MB.")
                .with("filename", filename)
                .with("maxBytes", limit.toBytes());
    }

    static ProblemException busy(int retryAfterSeconds) {
        ProblemException problem = new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, BUSY, "Too many uploads",
                "Too many large uploads are running right now. Please try again shortly.")
                .with("retryAfterSeconds", retryAfterSeconds);
        problem.getHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
        return problem;
    }

    static ProblemException sizeMismatch(long declared, long actual) {
        return new ProblemException(HttpStatus.CONFLICT, SIZE_MISMATCH, "Size mismatch",
                "The uploaded file has " + actual + " bytes, not the " + declared + " declared. It was discarded;"
                        + " start a new upload.")
                .with("declaredBytes", declared)
                .with("actualBytes", actual);
    }

    static ProblemException incomplete(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, UPLOAD_INCOMPLETE, "Upload incomplete", detail);
    }

    static ProblemException expired() {
        return new ProblemException(HttpStatus.CONFLICT, UPLOAD_EXPIRED, "Upload expired",
                "This upload was not completed in time and has expired; start a new upload.");
    }
}
