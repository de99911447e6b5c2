package dev.framesmith.testsupport.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;

/**
 * A resource an AWS request names, by its role in Framesmith: {@code queue processing}, {@code queue
 * events-dlq}, {@code table videos}, {@code index videos byUser}, {@code bucket bucket}, {@code object bucket
 * raw/}, {@code identity sender <domain>}, {@code configuration-set configuration-set}. Names the test contexts
 * did not register keep a {@code ?} before them, so that the audit can refuse what it cannot place.
 */
record RecordedResource(String kind, String role, String detail) {

    static List<RecordedResource> of(String service, SdkRequest request) {
        List<RecordedResource> resources = new ArrayList<>();
        switch (service) {
            case "Sqs" -> {
                string(request, "QueueUrl").map(RecordedResource::lastSegment)
                        .or(() -> string(request, "QueueName"))
                        .ifPresent(name -> resources.add(new RecordedResource("queue", ResourceRoles.queue(name), "")));
            }
            case "S3" -> {
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
            case "DynamoDb" -> {
                string(request, "TableName").ifPresent(table -> {
                    Optional<String> index = string(request, "IndexName");
                    resources.add(index.isPresent()
                            ? new RecordedResource("index", ResourceRoles.table(table), index.get())
                            : new RecordedResource("table", ResourceRoles.table(table), ""));
                });
                value(request, "RequestItems").ifPresent(items -> ((Map<?, ?>) items).keySet().forEach(
                        table -> resources.add(new RecordedResource("table", ResourceRoles.table(String.valueOf(table)), ""))));
            }
            case "SESv2" -> {
                string(request, "FromEmailAddress").ifPresent(from -> resources.add(
                        new RecordedResource("identity", "sender", from.substring(from.lastIndexOf('@') + 1))));
                string(request, "ConfigurationSetName").filter(name -> !name.isBlank()).ifPresent(
                        name -> resources.add(new RecordedResource("configuration-set", "configuration-set", "")));
            }
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
