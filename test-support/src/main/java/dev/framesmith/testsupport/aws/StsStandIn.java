package dev.framesmith.testsupport.aws;

import static dev.framesmith.testsupport.aws.LoopbackHttp.respond;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * AWS STS on 127.0.0.1 as far as IRSA uses it: {@code AssumeRoleWithWebIdentity} answered with temporary credentials
 * (access key id {@code ASIATEMPORARYKEY000} followed by the number of the call, {@link #SESSION_TOKEN}), each call's
 * form parameters recorded.
 */
public final class StsStandIn implements AutoCloseable {

    public static final String SESSION_TOKEN = "session-token-from-sts";
    private static final String ACCESS_KEY_ID = "ASIATEMPORARYKEY000";

    private final HttpServer server;
    private final List<Map<String, String>> calls = new CopyOnWriteArrayList<>();
    private volatile List<Duration> lifetimes = List.of(Duration.ofHours(1));

    private StsStandIn() {
        this.server = LoopbackHttp.serve(this::answer, null);
    }

    public static StsStandIn start() {
        return new StsStandIn();
    }

    /** The lifetime of the credentials issued, one per call in order; the last one repeats. One hour by default. */
    public void issueFor(Duration... lifetimes) {
        this.lifetimes = List.of(lifetimes);
    }

    /** The access key id issued by the given call, counting from 1. */
    public static String accessKeyId(int call) {
        return ACCESS_KEY_ID + call;
    }

    public URI endpoint() {
        return LoopbackHttp.endpoint(server);
    }

    /** The form parameters of each call received, in order. */
    public List<Map<String, String>> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        int call;
        synchronized (calls) {
            calls.add(form);
            call = calls.size();
        }
        List<Duration> issued = lifetimes;
        String expiration = Instant.now().plus(issued.get(Math.min(call, issued.size()) - 1))
                .truncatedTo(ChronoUnit.SECONDS).toString();
        respond(exchange, 200, "text/xml", """
                <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleWithWebIdentityResult>
                    <Credentials>
                      <AccessKeyId>%s</AccessKeyId>
                      <SecretAccessKey>temporary-secret</SecretAccessKey>
                      <SessionToken>%s</SessionToken>
                      <Expiration>%s</Expiration>
                    </Credentials>
                    <AssumedRoleUser>
                      <Arn>%s</Arn>
                      <AssumedRoleId>AROATEST:pod</AssumedRoleId>
                    </AssumedRoleUser>
                  </AssumeRoleWithWebIdentityResult>
                  <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
                </AssumeRoleWithWebIdentityResponse>
                """.formatted(accessKeyId(call), SESSION_TOKEN, expiration,
                form.getOrDefault("RoleArn", "").replace(":iam::", ":sts::").replace(":role/", ":assumed-role/")
                        + "/pod"));
    }
}
