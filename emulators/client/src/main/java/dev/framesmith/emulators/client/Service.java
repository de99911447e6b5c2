package dev.framesmith.emulators.client;

import java.util.Locale;

/** A stand-in of the emulator kit. */
public enum Service {
    SQS, S3, DYNAMODB, SES, POSTGRES;

    /** The name used on the kit's command line ({@code sqs}, {@code s3}, ...). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
