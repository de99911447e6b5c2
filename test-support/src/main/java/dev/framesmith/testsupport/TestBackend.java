package dev.framesmith.testsupport;

import dev.framesmith.emulators.client.Endpoints;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS and PostgreSQL back-end shared by every test of a JVM, started on first use and stopped when the JVM
 * exits. The system property {@value #PROPERTY} chooses it: {@code emulators} (default; the emulator kit as a
 * child process) or {@code localstack} (LocalStack and PostgreSQL through Testcontainers; needs Docker).
 */
public final class TestBackend {

    public static final String PROPERTY = "framesmith.test.backend";
    public static final String EMULATORS = "emulators";
    public static final String LOCALSTACK = "localstack";

    private static Backend backend;

    private TestBackend() {
    }

    /** Raw endpoints, for building SDK clients or JDBC connections in a test. Starts the back-end if needed. */
    public static Endpoints endpoints() {
        return backend().endpoints();
    }

    /**
     * The properties pointing a Spring Boot service at the back-end: {@code spring.cloud.aws.*},
     * {@code spring.datasource.*}, {@code framesmith.aws.provision.enabled=true} and a 1 s receive wait for queue
     * listeners.
     */
    public static Map<String, String> springProperties() {
        Endpoints endpoints = endpoints();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.cloud.aws.region.static", endpoints.region());
        properties.put("spring.cloud.aws.credentials.access-key", endpoints.accessKey());
        properties.put("spring.cloud.aws.credentials.secret-key", endpoints.secretKey());
        properties.put("spring.cloud.aws.sqs.endpoint", endpoints.sqs().toString());
        properties.put("spring.cloud.aws.s3.endpoint", endpoints.s3().toString());
        properties.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
        properties.put("spring.cloud.aws.dynamodb.endpoint", endpoints.dynamodb().toString());
        properties.put("spring.cloud.aws.ses.endpoint", endpoints.ses().toString());
        properties.put("spring.datasource.url", endpoints.jdbcUrl());
        properties.put("spring.datasource.username", endpoints.dbUser());
        properties.put("spring.datasource.password", endpoints.dbPassword());
        properties.put("framesmith.aws.provision.enabled", "true");
        // The test framework pauses a cached context it switches away from, and stopping a queue listener waits for
        // its receive to return: a short long-poll makes each switch between contexts cost about a second, not ten.
        properties.put("spring.cloud.aws.sqs.listener.poll-timeout", "1s");
        return properties;
    }

    /** Every e-mail the back-end's SES has received since it started, oldest first. */
    public static List<SentEmail> sentEmails() {
        return backend().sentEmails();
    }

    /** The back-end's name from {@value #PROPERTY}. */
    public static String selected() {
        String name = System.getProperty(PROPERTY, EMULATORS).trim();
        return name.isEmpty() ? EMULATORS : name;
    }

    private static synchronized Backend backend() {
        if (backend == null) {
            backend = switch (selected()) {
                case EMULATORS -> new EmulatorBackend();
                case LOCALSTACK -> create("dev.framesmith.testsupport.LocalStackBackend");
                default -> throw new IllegalStateException("unknown " + PROPERTY + " '" + selected()
                        + "' (use " + EMULATORS + " or " + LOCALSTACK + ")");
            };
        }
        return backend;
    }

    /** Loads a back-end by name, so its libraries are only touched when it is chosen. */
    private static Backend create(String className) {
        try {
            var constructor = Class.forName(className).getDeclaredConstructor();
            return (Backend) constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("cannot start " + className, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load " + className, e);
        }
    }
}
