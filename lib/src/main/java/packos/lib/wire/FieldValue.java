package packos.lib.wire;

/** Setters refuse values that do not fit their field instead of silently truncating them. */
final class FieldValue {
    private FieldValue() {}

    static int inRange(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " " + value + " is not in 0.." + max);
        }
        return value;
    }

    static long inRange(String field, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " " + value + " is not in 0.." + max);
        }
        return value;
    }
}
