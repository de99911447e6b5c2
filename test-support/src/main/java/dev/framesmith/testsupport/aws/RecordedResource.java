package dev.framesmith.testsupport.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;

/**
 * A resource an AWS request names, by its role in Framesmith: {@code queue processing}, {@code queue
 * events-dlq}, {@code table videos}, {@code index videos byUser}, {@code bucket bucket}, {@code object bucket
 * raw/}, {@code identity sender <domain>}, {@code configuration-set sender}. Names the test contexts
 * did not register keep a {@code ?} before them, so that the audit can refuse what it cannot place.
 */
record RecordedResource(String kind, String role, String detail) {

    static List<RecordedResource> of(String service, SdkRequest request) {
        List<RecordedResource> resources = new ArrayList<>();
        // Presigners name their service in lower case ("s3"), clients in the SDK's spelling ("S3").
        switch (service.toLowerCase(Locale.ROOT)) {
            case "sqs" -> {
                string(request, "QueueUrl").map(RecordedResource::lastSegment)
                        .or(() -> string(request, "QueueName"))
                        .ifPresent(name -> resources.add(new RecordedResource("queue", ResourceRoles.queue(name), "")));
            }
            case "s3" -> {
                Optional<String> bucket = string(request, "Bucket");
                Optional<String> key = string(request, "Key");
                if (key.isPresent()) {
                    resources.add(object(key.get()));
                } else {
                    value(request, "Delete").flatMap(delete -> value(delete, "Objects")).ifPresent(objects -> {
                        for (Object identifier : (Collection<?>) objects) {
                            value(identifier, "Key").map(String::valueOf).ifPresent(k -> resources.add(object(k)));
                        }
                    });
                }
                if (resources.isEmpty() && bucket.isPresent()) {
                    resources.add(new RecordedResource("bucket", "bucket", ""));
                }
            }
            case "dynamodb" -> {
                string(request, "TableName").ifPresent(table -> {
                    Optional<String> index = string(request, "IndexName");
                    resources.add(index.isPresent()
                            ? new RecordedResource("index", ResourceRoles.table(table), index.get())
                            : new RecordedResource("table", ResourceRoles.table(table), ""));
                });
                value(request, "RequestItems").ifPresent(items -> ((Map<?, ?>) items).keySet().forEach(
                        table -> resources.add(new RecordedResource("table", ResourceRoles.table(String.valueOf(table)), ""))));
            }
            case "sesv2" -> string(request, "FromEmailAddress").ifPresent(from -> {
                // The From address by role: the sender the service is configured with, or "?" and the address.
                String role = ResourceRoles.sender(from);
                resources.add(new RecordedResource("identity", role, from.substring(from.lastIndexOf('@') + 1)));
                string(request, "ConfigurationSetName").filter(name -> !name.isBlank())
                        .ifPresent(name -> resources.add(new RecordedResource("configuration-set", role, "")));
            });
            default -> {
            }
        }
        if (resources.isEmpty()) {
            resources.add(new RecordedResource("none", "", ""));
        }
        return resources;
    }

    /** Objects by the first segment of their key ({@code raw/}, {@code frames/}): the unit IAM policies grant. */
    private static RecordedResource object(String key) {
        int slash = key.indexOf('/');
        return new RecordedResource("object", "bucket", slash < 0 ? key : key.substring(0, slash + 1));
    }

    private static String lastSegment(String url) {
        String path = URI.create(url).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static Optional<String> string(Object pojo, String field) {
        return value(pojo, field).map(String::valueOf).filter(s -> !s.isEmpty());
    }

    private static Optional<Object> value(Object pojo, String field) {
        if (!(pojo instanceof SdkPojo sdkPojo)) {
            return Optional.empty();
        }
        for (SdkField<?> sdkField : sdkPojo.sdkFields()) {
            if (sdkField.memberName().equals(field)) {
                return Optional.ofNullable(sdkField.getValueOrDefault(pojo));
            }
        }
        return Optional.empty();
    }
}
