package dev.framesmith.decoder;

/** Ends the decoder with one of the {@link DecoderProtocol} exit codes. */
final class DecodeFailure extends RuntimeException {

    private final int exitCode;

    DecodeFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
