package dev.framesmith.testsupport;

import dev.framesmith.emulators.client.Endpoints;
import java.util.List;

/** A started back-end serving AWS and PostgreSQL to the tests of one JVM. */
interface Backend {

    Endpoints endpoints();

    List<SentEmail> sentEmails();
}
