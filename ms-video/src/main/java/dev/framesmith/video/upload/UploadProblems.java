package dev.framesmith.video.upload;

import dev.framesmith.support.web.ProblemException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.convert.DurationStyle;
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
    static final String ALREADY_UPLOADED = "already-uploaded";
    static final String BUSY = "uploads-busy";
    static final String TOO_SLOW = "upload-too-slow";
    static final String TOO_LONG = "upload-too-long";

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

    static ProblemException busy(Duration retryAfter) {
        return ProblemException.retryLater(HttpStatus.SERVICE_UNAVAILABLE, BUSY, "Too many uploads",
                "Too many large uploads are running right now. Please try again in %d seconds.", retryAfter);
    }

    /** A request body too slow; {@code filename} names the file being read, {@code null} between files. */
    static ProblemException tooSlow(String filename, DataSize minRate) {
        ProblemException problem = new ProblemException(HttpStatus.REQUEST_TIMEOUT, TOO_SLOW, "Upload too slow",
                "The upload arrived slower than " + minRate.toKilobytes() + " KB per second and was discarded. Try"
                        + " again on a faster connection.")
                .with("minBytesPerSecond", minRate.toBytes());
        return filename == null ? problem : problem.with("filename", filename);
    }

    /** A request body still arriving at its deadline; {@code filename} as for {@link #tooSlow}. */
    static ProblemException tooLong(String filename, Duration maxDuration) {
        ProblemException problem = new ProblemException(HttpStatus.REQUEST_TIMEOUT, TOO_LONG, "Upload took too long",
                "The upload took longer than " + maxDuration.toMinutes() + " minutes and was discarded. Send fewer"
                        + " files per request, or upload large files directly (POST /videos/uploads), which may"
                        + " take hours.")
                .with("maxSeconds", maxDuration.toSeconds());
        return filename == null ? problem : problem.with("filename", filename);
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

    static ProblemException windowClosed(Duration maxDuration) {
        String within = DurationStyle.SIMPLE.print(maxDuration, largestWholeUnit(maxDuration));
        return new ProblemException(HttpStatus.CONFLICT, UPLOAD_EXPIRED, "Upload expired",
                "An upload must be completed within " + within + " of its start; start a new upload.");
    }

    static ProblemException alreadyUploaded() {
        return new ProblemException(HttpStatus.CONFLICT, ALREADY_UPLOADED, "Already uploaded",
                "This upload was completed; it needs no more URLs.");
    }

    private static ChronoUnit largestWholeUnit(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 3600 == 0 ? ChronoUnit.HOURS : seconds % 60 == 0 ? ChronoUnit.MINUTES : ChronoUnit.SECONDS;
    }
}
