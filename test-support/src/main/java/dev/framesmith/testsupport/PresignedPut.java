package dev.framesmith.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A PUT to a presigned storage URL, sent as S3 clients send it: with {@code Expect: 100-continue}, on a connection of
 * its own, and once more when the connection broke before an answer. A store that refuses a PUT may close the
 * connection while the body still arrives, which loses its answer; the PUT is idempotent, and S3 clients retry it.
 */
public final class PresignedPut {

    private PresignedPut() {
    }

    /** The headers an upload plan says to send (its {@code headers} object), in its order. */
    public static Map<String, String> headers(JsonNode headers) {
        Map<String, String> map = new LinkedHashMap<>();
        headers.properties().forEach(header -> map.put(header.getKey(), header.getValue().asString()));
        return map;
    }

    /** The answer to {@code PUT url} with {@code headers} and {@code body}. */
    public static HttpResponse<String> send(String url, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).expectContinue(true)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException connectionBroke) {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
