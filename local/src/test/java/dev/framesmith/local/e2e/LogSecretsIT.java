package dev.framesmith.local.e2e;

import static dev.framesmith.local.e2e.Journeys.awaitDone;
import static dev.framesmith.local.e2e.Journeys.items;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.framesmith.contracts.AccountLinks;
import dev.framesmith.local.LocalSystem;
import dev.framesmith.testsupport.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * What the services log during the whole flow (sign-up, address confirmation, login, a failed login, upload,
 * processing, the presigned download and contact-sheet links, the event stream with its token in the query, a direct
 * upload through its presigned URL, the e-mails, a password reset and the login with the new password) holds no
 * secret: no password, no token
 * (access token, confirmation or reset link token), no presigned-URL signature, no e-mail body. And every line about
 * the upload, in every service, names its trace and span: the worker's and ms-notify's lines the trace the upload's
 * answer named. The services' logs are the files the local run writes ({@code <data dir>/logs/<service>.log}).
 */
@ExtendWith(RunningSystem.class)
class LogSecretsIT {

    private static final List<String> SERVICES = List.of("ms-auth", "ms-video", "ms-notify", "video-worker");
    /** A JWT: three base64url parts, the first two JSON objects. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");
    private static final Pattern SIGNATURE = Pattern.compile("(?i)X-Amz-Signature=?[0-9a-f]{0,64}");

    @Test
    void noPasswordTokenSignatureOrEmailBodyIsEverLoggedAndEveryLineAboutTheUploadNamesItsTrace() {
        LocalSystem system = RunningSystem.system();
        Api api = new Api(system.gateway());
        Mailbox mailbox = Journeys.mailbox();
        Journeys.User user = Journeys.newUser(api, "Secret Keeper");
        Map<String, String> secrets = new LinkedHashMap<>();
        String wrongPassword = "not my password " + user.password().hashCode();
        assertThat(api.postJson("/auth/login", Map.of("email", user.email(), "password", wrongPassword)).status())
                .isEqualTo(401);
        Path clip = new TestVideos(Journeys.workDir().resolve("videos")).mp4("secret-clip", 2);
        Api.Response uploaded = Journeys.upload(api, user.token(), List.of(Journeys.Upload.of(clip, "video/mp4")),
                Map.of("fps", "1"));
        String id = items(uploaded.json()).get(0).path("id").asString();
        String trace = uploaded.header("traceparent").split("-")[1];
        awaitDone(api, user.token(), id);
        URI download = Journeys.downloadLink(api, user.token(), id);
        Api.Response preview = api.get("/videos/" + id + "/preview", user.token(), "Accept", "application/json");
        assertThat(preview.status()).as("%s", preview).isEqualTo(200);
        URI previewLink = URI.create(preview.json().path("url").asString());
        try (EventStream events = EventStream.open(system.gateway(), user.token())) {
            assertThat(events.status()).as("the event stream, its token in the query").isEqualTo(200);
            Journeys.DirectUpload direct = Journeys.uploadDirectly(api, user.token(), clip, "video/mp4");
            awaitDone(api, user.token(), direct.id());
            secrets.put("the direct upload's presigned PUT signature", query(direct.url(), "X-Amz-Signature"));
        }
        await("the frames-ready e-mail").atMost(Journeys.PROCESSING)
                .until(() -> mailbox.to(user.email()).stream().anyMatch(email -> email.content().contains("secret-clip")));
        assertThat(api.postJson("/auth/password-reset", Map.of("email", user.email())).status()).isEqualTo(202);
        URI reset = mailbox.accountLink(user.email(), AccountLinks.RESET_PASSWORD);
        String newPassword = "my new password " + UUID.randomUUID();
        assertThat(api.postJson("/auth/password-reset/confirm", Map.of("token", Mailbox.token(reset),
                "password", newPassword)).status()).isEqualTo(204);
        String newToken = Journeys.login(api, user.email(), newPassword);

        secrets.put("the password", user.password());
        secrets.put("a wrong password", wrongPassword);
        secrets.put("the access token", user.token());
        secrets.put("the reset link's token", Mailbox.token(reset));
        secrets.put("the new password", newPassword);
        secrets.put("the access token after the reset", newToken);
        secrets.put("the presigned link's signature", query(download, "X-Amz-Signature"));
        secrets.put("the contact sheet link's signature", query(previewLink, "X-Amz-Signature"));
        for (Mailbox.Email email : mailbox.to(user.email())) {
            String[] lines = (email.text() + "\n" + email.html()).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].strip().length() >= 30) {
                    secrets.put("line " + (i + 1) + " of the e-mail \"" + email.subject() + "\"", lines[i].strip());
                }
            }
            email.links().stream().filter(link -> link.getFragment() != null
                            && link.getFragment().startsWith(AccountLinks.VERIFY_EMAIL + "="))
                    .forEach(link -> secrets.put("the confirmation link's token", Mailbox.token(link)));
        }

        List<String> found = new ArrayList<>();
        for (String service : SERVICES) {
            String log = read(system.logs().resolve(service + ".log"));
            assertThat(log).as("%s logged during the flow", service).isNotBlank();
            secrets.forEach((what, secret) -> {
                if (log.contains(secret)) {
                    found.add(service + " logged " + what);
                }
            });
            for (Pattern pattern : List.of(JWT, SIGNATURE)) {
                Matcher matcher = pattern.matcher(log);
                if (matcher.find()) {
                    found.add(service + " logged " + matcher.group());
                }
            }
        }
        assertThat(found).isEmpty();

        Map<String, List<JsonNode>> aboutTheUpload = new LinkedHashMap<>();
        for (String service : SERVICES) {
            aboutTheUpload.put(service, read(system.logs().resolve(service + ".log")).lines()
                    .filter(line -> line.contains(id)).map(line -> Api.JSON.readTree(line)).toList());
        }
        assertThat(aboutTheUpload.get("ms-video")).as("ms-video's lines about the upload").isNotEmpty();
        assertThat(aboutTheUpload.get("video-worker")).as("the worker's lines about the job").isNotEmpty();
        aboutTheUpload.forEach((service, lines) -> lines.forEach(line -> {
            assertThat(line.path("traceId").asString()).as("%s: %s", service, line).matches("[0-9a-f]{32}");
            assertThat(line.path("spanId").asString()).as("%s: %s", service, line).matches("[0-9a-f]{16}");
        }));
        for (String service : List.of("video-worker", "ms-notify")) {
            assertThat(aboutTheUpload.get(service)).as("%s's lines about the upload", service)
                    .extracting(line -> line.path("traceId").asString()).containsOnly(trace);
        }
    }

    private static String query(URI link, String name) {
        for (String pair : link.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError(link + " has no " + name);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
