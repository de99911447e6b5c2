package dev.framesmith.notify;

import dev.framesmith.testsupport.SentEmail;
import dev.framesmith.testsupport.TestBackend;
import dev.framesmith.testsupport.UseTestBackend;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The service as it runs, against the test back-end: its listeners consume the real notifications
 * queue and send through the SES stand-in. Subclasses share one application context.
 */
@UseTestBackend
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        NotifyIntegrationTest.SENDER_PROPERTY,
        NotifyIntegrationTest.APP_URL_PROPERTY,
        "framesmith.notify.retry.initial-delay=1s",
        "framesmith.notify.retry.max-delay=3s"})
public abstract class NotifyIntegrationTest {

    public static final String SENDER = "no-reply@framesmith.test";
    public static final String APP_URL = "https://app.framesmith.test/videos";
    public static final String SENDER_PROPERTY = "framesmith.notify.sender=" + SENDER;
    public static final String APP_URL_PROPERTY = "framesmith.notify.app-url=" + APP_URL;

    /** An address no other test uses, so that its e-mails can be told apart in the shared SES stand-in. */
    public static String uniqueRecipient(String label) {
        return label + "-" + UUID.randomUUID() + "@example.com";
    }

    /** E-mails the SES stand-in received for this recipient. */
    public static List<SentEmail> emailsTo(String recipient) {
        return TestBackend.sentEmails().stream().filter(email -> email.to().contains(recipient)).toList();
    }

    /** Waiting for asynchronous outcomes only: polls generously, never a fixed sleep. */
    public static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions();
    }
}
