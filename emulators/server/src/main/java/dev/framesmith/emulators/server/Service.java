package dev.framesmith.emulators.server;

import java.util.Locale;

/** The stand-ins the kit can serve, named as on the command line ({@code --services sqs,s3}). */
enum Service {
    SQS, S3, DYNAMODB, SES, POSTGRES;

    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Service fromCliName(String name) {
        for (Service service : values()) {
            if (service.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return service;
            }
        }
        throw new IllegalArgumentException("unknown service '" + name + "' (known: sqs, s3, dynamodb, ses, postgres)");
    }
}
