package dev.framesmith.worker.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link WorkerProperties} bound the way Spring binds them, defaults included. */
public final class WorkerPropertiesFixture {

    private WorkerPropertiesFixture() {
    }

    /** @param values property names below {@code framesmith.worker.} and their values */
    public static WorkerProperties with(Map<String, String> values) {
        Map<String, String> properties = new HashMap<>();
        values.forEach((name, value) -> properties.put("framesmith.worker." + name, value));
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("framesmith.worker", WorkerProperties.class);
    }
}
