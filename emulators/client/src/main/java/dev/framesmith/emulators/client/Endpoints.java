package dev.framesmith.emulators.client;

import java.net.URI;
import java.util.Map;

/**
 * Where the running kit serves. A service that was not started has a {@code null} endpoint.
 *
 * @param sqs        SQS endpoint ({@code spring.cloud.aws.sqs.endpoint})
 * @param s3         S3 endpoint, path-style access ({@code spring.cloud.aws.s3.endpoint})
 * @param dynamodb   DynamoDB endpoint ({@code spring.cloud.aws.dynamodb.endpoint})
 * @param ses        SES v2 endpoint ({@code spring.cloud.aws.ses.endpoint})
 * @param jdbcUrl    JDBC URL of the {@code auth} database
 * @param dbUser     database user
 * @param dbPassword database password
 * @param region     AWS region to configure clients with
 * @param accessKey  access key; S3 accepts only requests signed with this key pair, the other stand-ins any
 * @param secretKey  secret key of {@code accessKey}
 */
public record Endpoints(URI sqs, URI s3, URI dynamodb, URI ses, String jdbcUrl, String dbUser, String dbPassword,
        String region, String accessKey, String secretKey) {

    /** Sent e-mails as JSON ({@code {"emails":[...]}}); a web page listing them is at {@link #ses()}. */
    public URI sesStore() {
        return ses == null ? null : URI.create(ses + "/store");
    }

    static Endpoints fromReadyLine(Map<String, String> json) {
        return new Endpoints(uri(json.get("sqs")), uri(json.get("s3")), uri(json.get("dynamodb")),
                uri(json.get("ses")), json.get("jdbcUrl"), json.get("dbUser"), json.get("dbPassword"),
                json.get("region"), json.get("accessKey"), json.get("secretKey"));
    }

    private static URI uri(String value) {
        return value == null ? null : URI.create(value);
    }
}
