package dev.framesmith.deploychecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Safe YAML loading (no custom types) and path navigation over the resulting maps and lists. */
public final class Yaml {

    private Yaml() {
    }

    private static org.yaml.snakeyaml.Yaml loader() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(16 * 1024 * 1024);
        return new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
    }

    public static List<Object> loadAll(String text) {
        List<Object> documents = new ArrayList<>();
        for (Object document : loader().loadAll(text)) {
            documents.add(document);
        }
        return documents;
    }

    public static Map<String, Object> loadMap(Path file) {
        Object document = loader().load(read(file));
        if (document instanceof Map<?, ?> map) {
            return stringKeys(map);
        }
        throw new IllegalArgumentException(file + " is not a YAML mapping");
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }

    /** Follows map keys (String) and list indexes (Integer); empty when any step is missing. */
    public static Optional<Object> at(Object root, Object... path) {
        Object current = root;
        for (Object step : path) {
            if (step instanceof Integer index && current instanceof List<?> list) {
                current = index < list.size() ? list.get(index) : null;
            } else if (current instanceof Map<?, ?> map) {
                current = map.get(String.valueOf(step));
            } else {
                return Optional.empty();
            }
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    public static Optional<String> string(Object root, Object... path) {
        return at(root, path).map(String::valueOf);
    }

    public static Map<String, Object> map(Object root, Object... path) {
        return at(root, path).filter(Map.class::isInstance).map(m -> stringKeys((Map<?, ?>) m)).orElse(Map.of());
    }

    public static List<Map<String, Object>> list(Object root, Object... path) {
        List<Map<String, Object>> items = new ArrayList<>();
        at(root, path).filter(List.class::isInstance).ifPresent(l -> {
            for (Object item : (List<?>) l) {
                if (item instanceof Map<?, ?> m) {
                    items.add(stringKeys(m));
                }
            }
        });
        return items;
    }

    /** A list of scalars (or one scalar) as strings; empty when missing. */
    public static List<String> strings(Object root, Object... path) {
        return at(root, path).map(value -> value instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value))).orElse(List.of());
    }
}
