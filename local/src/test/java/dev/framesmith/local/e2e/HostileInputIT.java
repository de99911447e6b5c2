package dev.framesmith.local.e2e;

import static dev.framesmith.local.e2e.Journeys.items;
import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.AccountLinks;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.Multipart;
import dev.framesmith.testsupport.PresignedPut;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The attacks of the security model ({@code docs/security.md}, "The hostile-input suite") that need the whole system
 * to be shown, sent as an attacker would send them to the running local system, each answered with its exact status
 * and problem type, and nothing written for it: accounts and mail (no upload and no video e-mail for an unconfirmed
 * address, no lockout of the owner, no enumeration, no user text in a subject, strict JSON, per-address and
 * per-account limits, links that work once), tokens (tampered, in the URL), requests the gateway or a service refuses
 * before any endpoint, upload options and bodies over their limits, per-user caps, presigned URLs that cannot be
 * tampered with, reused or used after a delete, and a decompression bomb that is refused before anything decodes it.
 * The login and per-address limits are exercised on ms-auth's own port with {@code X-Forwarded-For}, as the load
 * balancer forwards each client's address (through the local gateway every client is 127.0.0.1).
 */
@ExtendWith(RunningSystem.class)
class HostileInputIT {

    private static Api api;
    private static Api auth;
    private static TestVideos videos;
    private static Journeys.User user;

    @BeforeAll
    static void connect() {
        api = new Api(RunningSystem.system().gateway());
        auth = new Api(RunningSystem.system().serviceUri("ms-auth"));
        videos = new TestVideos(Journeys.workDir().resolve("hostile"));
        user = Journeys.newUser(api, "Mallory Tester");
    }

    // Accounts and mail

    @Test
    void anUnconfirmedAddressCanNeitherUploadNorStartADirectUploadNorGetAnyOtherEmail() {
        String email = "unconfirmed-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse " + UUID.randomUUID();
        assertThat(api.postJson("/auth/register", Map.of("email", email, "password", password,
                "name", "Your account is locked, call 555-0100")).status()).isEqualTo(201);
        String token = Journeys.login(api, email, password);

        assertProblem(Journeys.upload(api, token, List.of(Journeys.Upload.of(videos.mp4("unconfirmed", 1),
                "video/mp4")), Map.of()), 403, "email-not-verified");
        assertProblem(api.postJson("/videos/uploads", token, Map.of("filename", "x.mp4", "sizeBytes", 1000,
                "contentType", "video/mp4")), 403, "email-not-verified");
        assertThat(items(api.get("/videos", token).json())).as("nothing was created").isEmpty();

        Journeys.mailbox().accountLink(email, AccountLinks.VERIFY_EMAIL);
        List<Mailbox.Email> mails = Journeys.mailbox().to(email);
        assertThat(mails).as("only the confirmation e-mail").hasSize(1);
        assertThat(mails.get(0).subject()).as("no user-controlled text in a subject")
                .doesNotContain("locked").doesNotContain("555");
    }

    @Test
    void wrongPasswordsFromAnAttackersAddressNeverLockTheOwnerOut() {
        String owner = address("203.0.113.");
        String attacker = address("198.51.100.");
        Journeys.User victim = Journeys.newUser(api, "Victim");
        assertThat(auth.from(owner).postJson("/auth/login", Map.of("email", victim.email(), "password",
                victim.password())).status()).as("the owner's address becomes known").isEqualTo(200);

        Api.Response last = null;
        for (int i = 0; i < 6; i++) {
            last = auth.from(attacker).postJson("/auth/login", Map.of("email", victim.email(), "password",
                    "wrong password " + i));
        }

        assertProblem(last, 429, "too-many-attempts");
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
        assertThat(auth.from(owner).postJson("/auth/login", Map.of("email", victim.email(), "password",
                victim.password())).status()).as("the owner logs in from their own address").isEqualTo(200);
    }

    @Test
    void wrongPasswordsForManyAccountsFromOneAddressAreBoundedThereOnly() {
        String guesser = address("203.0.113.");

        limitedAfter(20, i -> auth.from(guesser).postJson("/auth/login", Map.of("email",
                "guess-" + i + "-" + UUID.randomUUID() + "@example.com", "password", "wrong password")),
                answer -> assertProblem(answer, 401, "invalid-credentials"), "too-many-attempts");
        assertProblem(auth.from(guesser).postJson("/auth/login", Map.of("email", user.email(), "password",
                user.password())), 429, "too-many-attempts");
        assertThat(auth.from(address("192.0.2.")).postJson("/auth/login",
                Map.of("email", user.email(), "password", user.password())).status())
                .as("the same account from another address").isEqualTo(200);
    }

    /** The local run allows 200 registrations an hour from one address (10 in AWS): its tests register many. */
    @Test
    void registrationIsLimitedPerClientAddressBeforeTheBodyIsRead() {
        Api client = auth.from(address("198.51.100."));

        limitedAfter(200, i -> client.postJson("/auth/register", Map.of("email",
                "bulk-" + UUID.randomUUID() + "@example.com", "password", "short", "name", "Bulk " + i)),
                answer -> assertProblem(answer, 400, "validation"), "too-many-requests");
    }

    @Test
    void aPasswordResetAnswersAlikeForAnyAddressAndIsLimitedPerClientAddress() {
        Api client = auth.from(address("192.0.2."));
        Api.Response known = client.postJson("/auth/password-reset", Map.of("email", user.email()));
        Api.Response unknown = client.postJson("/auth/password-reset",
                Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com"));

        assertThat(known.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        limitedAfter(10, i -> client.postJson("/auth/password-reset",
                Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com")),
                answer -> assertThat(answer.body()).isEqualTo(known.body()), "too-many-requests");
    }

    @Test
    void registrationRefusesLooseInputAndStoresNothing() {
        String email = "loose-" + UUID.randomUUID() + "@example.com";
        String[] bodies = {
            // a number where a string is expected
            "{\"email\":\"" + email + "\",\"password\":1e999999,\"name\":\"Number\"}",
            // a duplicate key: which one would win?
            "{\"email\":\"" + email + "\",\"password\":\"first password\",\"password\":\"second password\","
                    + "\"name\":\"Twice\"}",
            // trailing tokens after the object
            "{\"email\":\"" + email + "\",\"password\":\"correct horse\",\"name\":\"Trail\"} {\"x\":1}"};
        for (String body : bodies) {
            assertProblem(api.post("/auth/register", "application/json", body), 400, "malformed-request");
        }
        assertProblem(api.postJson("/auth/register", Map.of("email", email, "password", "          ",
                "name", "Spaces")), 400, "validation");
        assertProblem(api.postJson("/auth/register", Map.of("email", email, "password", "correct horse battery",
                "name", "Evil\u202Egnp.exe")), 400, "validation");
        assertProblem(api.postJson("/auth/login", Map.of("email", email, "password", "correct horse battery")), 401,
                "invalid-credentials");
    }

    @Test
    void tokenRequestsAreLimitedPerClientAddressAndAnAccountLinkWorksOnce() {
        Api client = auth.from(address("192.0.2."));
        limitedAfter(30, i -> client.postForm("/auth/token", Map.of("grant_type", "client_credentials",
                "client_id", "no-such-client", "client_secret", "guess " + i), null, null),
                answer -> assertProblem(answer, 401, "invalid-client"), "too-many-requests");

        URI used = Journeys.mailbox().accountLink(user.email(), AccountLinks.VERIFY_EMAIL);
        assertProblem(api.postJson("/auth/verify-email", user.token(), Map.of("token", Mailbox.token(used))), 400,
                "invalid-link");
    }

    @Test
    void sendAgainIsLimitedPerAccountWhereverItIsAskedFrom() {
        String email = "again-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse " + UUID.randomUUID();
        assertThat(api.postJson("/auth/register", Map.of("email", email, "password", password, "name", "Again"))
                .status()).isEqualTo(201);
        String token = Journeys.login(api, email, password);

        for (int i = 0; i < 4; i++) {
            Api elsewhere = auth.from(address("198.18." + i + "."));
            assertThat(elsewhere.postEmpty("/auth/verify-email/resend", token).status()).isEqualTo(202);
        }
        Api.Response fifth = auth.from("198.18.9.9").postEmpty("/auth/verify-email/resend", token);

        assertProblem(fifth, 429, "too-many-requests");
        assertThat(Long.parseLong(fifth.header("Retry-After"))).isPositive();
    }

    // Tokens and requests refused before any endpoint

    @Test
    void aTamperedTokenOrATokenInTheUrlCountsForNothing() {
        String token = user.token();
        String tampered = token.substring(0, token.length() - 4)
                + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertProblem(api.get("/videos", tampered), 401, "unauthorized");
        assertProblem(api.get("/videos?access_token=" + token), 401, "unauthorized");
        assertThat(api.get("/videos", token).status()).isEqualTo(200);
    }

    @Test
    void aUserTokenNeitherReadsDeliveriesNorSendsMailThroughTheNotificationService() {
        // ms-notify takes only service tokens (audience framesmith-services), and asks for no e-mail over HTTP at all.
        Api notify = new Api(RunningSystem.system().serviceUri("ms-notify"));
        String victim = "victim-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> mail = Map.of("to", victim, "template", "VIDEO_READY",
                "fields", Map.of("downloadUrl", "https://attacker.example/phish"));

        assertThat(api.get("/videos", user.token()).status()).as("the token is good for the API").isEqualTo(200);
        assertProblem(notify.get("/notifications?videoId=" + UUID.randomUUID(), user.token()), 401, "unauthorized");
        assertProblem(notify.postJson("/notifications", user.token(), mail), 401, "unauthorized");
        assertProblem(notify.postJson("/notifications", null, mail), 401, "unauthorized");
        assertThat(Journeys.mailbox().to(victim)).as("no e-mail to the address").isEmpty();
    }

    @Test
    void pathsThatCouldEscapeTheirRouteAndOversizedRequestsAreRefusedAsProblems() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/auth/%2e%2e/videos", "/videos/..%2Fauth/me", "/videos;x=1")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(api.base() + path))
                    .header("Authorization", "Bearer " + user.token()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(Api.JSON.readTree(answer.body()).path("type").asString()).as(path)
                    .isEqualTo(Journeys.problem("malformed-request"));
        }
        assertProblem(api.send(api.request("/videos", user.token(), "X-Big", "a".repeat(20_000)).GET()), 431,
                "request-header-fields-too-large");
        assertProblem(api.post("/auth/register", "application/json",
                "{\"email\":\"big@example.com\",\"password\":\"" + "p".repeat(20_000) + "\",\"name\":\"Big\"}"), 413,
                "payload-too-large");
        Multipart multipart = new Multipart().field("email", "x".repeat(64 * 1024));
        assertProblem(api.postMultipart("/auth/register", null, multipart), 413, "payload-too-large");
    }

    @Test
    void aNulByteTraceUndecodableParametersAndAnOversizedJsonBodyAreAnsweredAsProblems() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> nul = http.send(HttpRequest.newBuilder(URI.create(api.base() + "/videos%00"))
                .header("Authorization", "Bearer " + user.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertRawProblem(nul, 400, "malformed-request");
        HttpResponse<String> trace = http.send(HttpRequest.newBuilder(URI.create(api.base() + "/videos"))
                .header("Authorization", "Bearer " + user.token())
                .method("TRACE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertRawProblem(trace, 405, "method-not-allowed");
        HttpResponse<String> undecodable = http.send(HttpRequest.newBuilder(URI.create(api.base()
                + "/videos?limit=5&cursor=%00%ff")).header("Authorization", "Bearer " + user.token()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertRawProblem(undecodable, 400, "malformed-request");

        String huge = "{\"filename\":\"" + "n".repeat(10 * 1024 * 1024) + "\",\"sizeBytes\":10}";
        assertProblem(api.send(api.request("/videos/uploads", user.token(), "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(huge))), 413, "payload-too-large");
    }

    // Uploads

    @Test
    void uploadsInProgressAndEventStreamsAreCappedPerUser() {
        Journeys.User busy = Journeys.newUser(api, "Busy Uploader");
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Response start = startDirect(busy.token(), "part-" + i + ".mp4");
            assertThat(start.status()).as("%s", start).isEqualTo(201);
            started.add(start.json().path("id").asString());
        }
        Api.Response fourth = startDirect(busy.token(), "part-3.mp4");
        assertProblem(fourth, 429, "too-many-uploads");
        assertThat(fourth.header("Retry-After")).isEqualTo("30");
        assertThat(items(api.get("/videos", busy.token()).json())).extracting(video -> video.path("id").asString())
                .as("the fourth created nothing").containsExactlyInAnyOrderElementsOf(started);

        List<EventStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                streams.add(EventStream.open(RunningSystem.system().gateway(), busy.token()));
                assertThat(streams.get(i).status()).isEqualTo(200);
            }
            EventStream sixth = EventStream.open(RunningSystem.system().gateway(), busy.token());
            streams.add(sixth);
            assertThat(sixth.status()).isEqualTo(429);
            assertThat(sixth.contentType()).startsWith("application/problem+json");
            Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                    assertThat(Api.JSON.readTree(String.join("\n", sixth.lines())).path("type").asString())
                            .isEqualTo(Api.PROBLEM_TYPES + "too-many-event-streams"));
        } finally {
            streams.forEach(EventStream::close);
        }
        started.forEach(id -> assertThat(api.delete("/videos/" + id, busy.token()).status()).isEqualTo(204));
    }

    @Test
    void aPresignedUrlCannotBeTamperedWithNorWriteOnceItsVideoIsDeletedNorADownloadTakeATokenInTheUrl()
            throws Exception {
        byte[] content = Files.readAllBytes(videos.webm("deleted-clip", 1));
        JsonNode plan = startWebm("deleted-clip.webm", content);
        String id = plan.path("id").asString();
        String url = plan.path("url").asString();
        Matcher signature = Pattern.compile("X-Amz-Signature=([0-9a-f]+)").matcher(url);
        assertThat(signature.find()).as(url).isTrue();
        String sig = signature.group(1);
        String tampered = url.replace("X-Amz-Signature=" + sig, "X-Amz-Signature="
                + sig.substring(0, sig.length() - 1) + (sig.endsWith("0") ? "1" : "0"));
        assertThat(put(plan, tampered, content)).as("a changed signature").isEqualTo(403);
        assertProblem(api.postJson("/videos/" + id + "/complete", user.token(), Map.of()), 409, "upload-incomplete");

        assertThat(api.delete("/videos/" + id, user.token()).status()).isEqualTo(204);
        assertThat(put(plan, url, content)).as("the URL of a deleted video").isEqualTo(412);
        assertProblem(api.get("/videos/" + id + "/download?access_token=" + Api.encode(user.token())), 401,
                "unauthorized");
    }

    @Test
    void uploadOptionsOutsideTheirLimitsAreRefusedBeforeAnythingIsStored() {
        Path clip = videos.mp4("hostile-options", 1);
        for (Map<String, String> options : List.of(Map.of("fps", "31"), Map.of("fps", "0"),
                Map.of("maxWidth", "7681"), Map.of("format", "gif"))) {
            assertProblem(Journeys.upload(api, user.token(), List.of(Journeys.Upload.of(clip, "video/mp4")),
                    options), 400, "validation");
        }
        assertProblem(api.postJson("/videos/uploads", user.token(), Map.of("filename", "page.html",
                "sizeBytes", 1000, "contentType", "text/html")), 400, "validation");
        assertThat(items(api.get("/videos", user.token()).json())).extracting(video -> video.path("filename")
                .asString()).doesNotContain("hostile-options.mp4", "page.html");
    }

    @Test
    void aCheckedDirectUploadCannotBeSwappedAfterwards() throws Exception {
        byte[] content = Files.readAllBytes(videos.webm("checked-clip", 2));
        byte[] swapped = Files.readAllBytes(videos.webm("swapped-clip", 6));
        JsonNode plan = startWebm("checked-clip.webm", content);
        String id = plan.path("id").asString();
        assertThat(put(plan, content)).isEqualTo(200);
        assertThat(api.postJson("/videos/" + id + "/complete", user.token(), Map.of()).status()).isEqualTo(202);

        assertThat(put(plan, content)).as("the same bytes again").isEqualTo(412);
        assertThat(put(plan, swapped)).as("other bytes, of another length: the signed length differs").isEqualTo(403);

        JsonNode done = Journeys.awaitDone(api, user.token(), id);
        assertThat(done.path("sizeBytes").asLong()).isEqualTo(content.length);
        assertThat(Frames.decodeAll(Journeys.downloadZip(api, user.token(), id)))
                .hasSize(done.path("frameCount").asInt()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void aDecompressionBombIsRefusedBeforeAnythingDecodesIt() {
        Path bomb = videos.bomb("bomb-16000");
        Api.Response accepted = Journeys.upload(api, user.token(), List.of(Journeys.Upload.of(bomb, "video/mp4")),
                Map.of());
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
        String id = items(accepted.json()).get(0).path("id").asString();

        JsonNode failed = Journeys.awaitStatus(api, user.token(), id, "FAILED");
        assertThat(failed.path("error").path("code").asString()).isEqualTo("RESOLUTION_TOO_HIGH");
        assertProblem(api.get("/videos/" + id + "/download", user.token(), "Accept", "application/json"), 409,
                "not-ready");
    }

    private static Api.Response startDirect(String token, String filename) {
        return api.postJson("/videos/uploads", token, Map.of("filename", filename, "sizeBytes", 1000,
                "contentType", "video/mp4"));
    }

    /** A direct upload of {@code content} started by the suite's user: its plan (id, URL, headers). */
    private static JsonNode startWebm(String filename, byte[] content) {
        Api.Response started = api.postJson("/videos/uploads", user.token(), Map.of("filename", filename,
                "sizeBytes", content.length, "contentType", "video/webm"));
        assertThat(started.status()).as("%s", started).isEqualTo(201);
        return started.json();
    }

    private static int put(JsonNode plan, byte[] content) throws Exception {
        return put(plan, plan.path("url").asString(), content);
    }

    private static int put(JsonNode plan, String url, byte[] content) throws Exception {
        return PresignedPut.send(url, PresignedPut.headers(plan.path("headers")), content).statusCode();
    }

    private static void assertRawProblem(HttpResponse<String> answer, int status, String slug) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(Api.JSON.readTree(answer.body()).path("type").asString()).isEqualTo(Journeys.problem(slug));
    }

    /**
     * Sends {@code request(0)}, {@code request(1)}, ... until one is refused with 429 and {@code Retry-After}, at
     * most {@code most} + 1 of them; each answer before it passes {@code beforeTheLimit}.
     */
    private static void limitedAfter(int most, IntFunction<Api.Response> request,
            Consumer<Api.Response> beforeTheLimit, String slug) {
        for (int i = 0; i <= most; i++) {
            Api.Response answer = request.apply(i);
            if (answer.status() == 429) {
                assertProblem(answer, 429, slug);
                assertThat(Long.parseLong(answer.header("Retry-After"))).isPositive();
                return;
            }
            beforeTheLimit.accept(answer);
        }
        throw new AssertionError("no 429 after " + (most + 1) + " requests");
    }

    /** A random client address that starts with the prefix. */
    private static String address(String prefix) {
        return prefix + (10 + (int) (Math.random() * 200));
    }

    private static void assertProblem(Api.Response response, int status, String slug) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.contentType()).as("%s", response).startsWith("application/problem+json");
        assertThat(Journeys.problemType(response)).as("%s", response).isEqualTo(Journeys.problem(slug));
    }
}
