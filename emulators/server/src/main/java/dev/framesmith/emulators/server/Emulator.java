package dev.framesmith.emulators.server;

import java.util.Map;

/** One started stand-in; it already answered a real request. */
interface Emulator extends AutoCloseable {

    /** Its entries of the READY line ({@code "sqs" -> "http://127.0.0.1:4566"}, ...). */
    Map<String, String> endpoints();

    /** Stops it; never throws. */
    @Override
    void close();
}
