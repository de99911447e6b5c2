package dev.framesmith.worker.extraction;

import dev.framesmith.contracts.FailureCode;

/** The video itself is the problem: report it as FAILED, do not retry. */
public class VideoRejectedException extends RuntimeException {

    private final FailureCode code;

    public VideoRejectedException(FailureCode code) {
        this(code, code.message());
    }

    public VideoRejectedException(FailureCode code, String message) {
        super(message);
        this.code = code;
    }

    public FailureCode code() {
        return code;
    }
}
