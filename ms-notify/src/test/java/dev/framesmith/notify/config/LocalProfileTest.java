package dev.framesmith.notify.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.testsupport.TestBackend;
import dev.framesmith.testsupport.UseTestBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** The local run tells a person where the sent e-mails are, and that place answers. */
@ExtendWith(OutputCaptureExtension.class)
@UseTestBackend
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("local")
@DirtiesContext
class LocalProfileTest {

    private static final Pattern STORE = Pattern.compile("JSON (http://\\S+/store)");

    @Test
    void startUpLogsWhereSentEmailsCanBeRead(CapturedOutput output) throws Exception {
        Matcher store = STORE.matcher(output.getOut());
        assertThat(store.find()).as(output.getOut()).isTrue();
        assertThat(store.group(1)).isEqualTo(TestBackend.endpoints().sesStore().toString());
        assertThat(output.getOut()).contains("web page " + TestBackend.endpoints().ses() + "/");

        HttpResponse<String> emails = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(store.group(1))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(emails.statusCode()).isEqualTo(200);
        assertThat(emails.body()).contains("\"emails\"");
    }
}
