package dev.framesmith.worker.config;

import dev.framesmith.support.processing.ProcessingLimits;
import dev.framesmith.worker.extraction.ExtractionSettings;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link WorkerProperties} and {@link ProcessingLimits} bound the way Spring binds them, defaults included. */
public final class WorkerPropertiesFixture {

    private WorkerPropertiesFixture() {
    }

    /** @param values property names below {@code framesmith.worker.} and their values */
    public static WorkerProperties with(Map<String, String> values) {
        return binder("framesmith.worker.", values).bindOrCreate("framesmith.worker", WorkerProperties.class);
    }

    /**
     * The extraction's settings.
     *
     * @param values property names below {@code framesmith.} ({@code worker.…}, {@code processing.…}) and their
     *               values
     */
    public static ExtractionSettings extractionSettings(Map<String, String> values) {
        Binder binder = binder("framesmith.", values);
        return binder.bindOrCreate("framesmith.worker", WorkerProperties.class)
                .extractionSettings(binder.bindOrCreate("framesmith.processing", ProcessingLimits.class));
    }

    private static Binder binder(String prefix, Map<String, String> values) {
        Map<String, String> properties = new HashMap<>();
        values.forEach((name, value) -> properties.put(prefix + name, value));
        return new Binder(new MapConfigurationPropertySource(properties));
    }
}
