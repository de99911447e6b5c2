package dev.framesmith.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.local.LocalSystem;
import dev.framesmith.testsupport.Api;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The Postman collection in {@code docs/postman} asks only for what the services offer: every request to a service's
 * API names an operation of that service's live OpenAPI document (method and path, whatever its path variables are
 * called), and every user-facing operation of ms-auth and ms-video has a request in it.
 */
@ExtendWith(RunningSystem.class)
class PostmanCollectionIT {

    private static final Pattern SERVICE_URL = Pattern.compile("\\{\\{(baseUrl|authUrl|notifyUrl)}}(/[^?]*).*");

    record Operation(String method, String path) {

        /** The path with every variable written {@code {}}: {@code /videos/{}/complete}. */
        String shape() {
            return method + " " + path.replaceAll("\\{[^/]*}+", "{}");
        }
    }

    @Test
    void everyRequestNamesAnOperationOfTheServicesAndEveryUserOperationHasOne() {
        LocalSystem system = RunningSystem.system();
        Set<String> offered = new TreeSet<>();
        Set<String> userFacing = new TreeSet<>();
        for (String service : List.of("ms-auth", "ms-video", "ms-notify")) {
            Api.Response document = new Api(system.serviceUri(service)).get("/v3/api-docs");
            assertThat(document.status()).as("%s: %s", service, document).isEqualTo(200);
            for (var path : document.json().path("paths").properties()) {
                if (path.getKey().equals("/error")) {
                    continue; // the servlet container's error page, documented by springdoc with every method
                }
                for (var method : path.getValue().properties()) {
                    String shape = new Operation(method.getKey(), path.getKey()).shape();
                    offered.add(shape);
                    if (!service.equals("ms-notify")) {
                        userFacing.add(shape);
                    }
                }
            }
        }

        Path root = Path.of(System.getProperty("framesmith.root", "..")).toAbsolutePath().normalize();
        List<Operation> requests = requests(Api.JSON.readTree(root.resolve(
                "docs/postman/framesmith.postman_collection.json").toFile()).path("item"), new ArrayList<>());

        assertThat(requests).as("requests to the services").hasSizeGreaterThan(20);
        assertThat(requests.stream().map(Operation::shape)).as("requests no service offers")
                .allSatisfy(shape -> assertThat(offered).contains(shape));
        Set<String> missing = new TreeSet<>(userFacing);
        requests.stream().map(Operation::shape).forEach(missing::remove);
        assertThat(missing).as("user-facing operations without a request in the collection").isEmpty();
    }

    /**
     * The requests to a service's API in these items and their folders (those to storage, the mailbox, the actuator
     * and the API documents aside).
     */
    private static List<Operation> requests(JsonNode items, List<Operation> found) {
        for (JsonNode item : items) {
            if (item.has("item")) {
                requests(item.path("item"), found);
                continue;
            }
            JsonNode request = item.path("request");
            JsonNode url = request.path("url");
            String raw = url.isObject() ? url.path("raw").asString() : url.asString();
            var matcher = SERVICE_URL.matcher(raw);
            if (matcher.matches() && !matcher.group(2).startsWith("/actuator/")
                    && !matcher.group(2).startsWith("/v3/api-docs")) {
                found.add(new Operation(request.path("method").asString().toLowerCase(Locale.ROOT),
                        matcher.group(2).replaceAll("\\{\\{[^}]+}}", "{}")));
            }
        }
        return found;
    }
}
