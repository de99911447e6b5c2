package dev.framesmith.contracts;

/** Field checks shared by the message records, so a message missing a required field cannot be built or read. */
final class Require {

    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static int schemaVersion(int version) {
        if (version < 1 || version > Message.SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported schemaVersion " + version);
        }
        return version;
    }
}
