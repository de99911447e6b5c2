package dev.framesmith.testsupport.aws;

import dev.framesmith.contracts.Queues;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.env.Environment;

/**
 * Which queue or table name plays which role in the test contexts of this JVM (tests give queues names of their
 * own): registered from each context's configuration, with the services' defaults always known.
 */
public final class ResourceRoles {

    private static final String DLQ = Queues.deadLetter("");

    private static final Map<String, String> QUEUES = new ConcurrentHashMap<>(Map.of(
            Queues.PROCESSING, "processing", Queues.EVENTS, "events", Queues.NOTIFICATIONS, "notifications",
            Queues.FEEDBACK, "feedback"));
    private static final Set<String> SENDERS = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> TABLES = new ConcurrentHashMap<>(Map.of(
            "framesmith-videos", "videos", "framesmith-notifications", "notifications"));

    private ResourceRoles() {
    }

    /** Learns the queue and table names and the e-mail sender a test context configures. */
    public static void register(Environment environment) {
        for (String role : new String[] {"processing", "events", "notifications", "feedback"}) {
            String name = environment.getProperty("framesmith.aws.queues." + role);
            if (name != null && !name.isBlank()) {
                QUEUES.put(name, role);
            }
        }
        String sender = environment.getProperty("framesmith.notify.sender");
        if (sender != null && !sender.isBlank()) {
            SENDERS.add(sender);
        }
        for (String role : new String[] {"videos", "notifications"}) {
            String name = environment.getProperty("framesmith.aws.tables." + role);
            if (name != null && !name.isBlank()) {
                TABLES.put(name, role);
            }
        }
    }

    static String queue(String name) {
        if (name.endsWith(DLQ)) {
            String base = QUEUES.get(name.substring(0, name.length() - DLQ.length()));
            return base == null ? "?" + name : base + DLQ;
        }
        return QUEUES.getOrDefault(name, "?" + name);
    }

    static String sender(String from) {
        return SENDERS.contains(from) ? "sender" : "?" + from;
    }

    static String table(String name) {
        return TABLES.getOrDefault(name, "?" + name);
    }
}
