package packos.host.config;

/** An inclusive range a numeric setting must lie in, shared by the parser and command-line overrides. */
record Limit(String key, long min, long max) {
    static final Limit CPUS = new Limit("cpus", 1, 64);
    static final Limit HZ = new Limit("hz", 1, 10_000);
    static final Limit QUEUE = new Limit("queue", 1, 65_536);
    static final Limit QUOTA = new Limit("quota", 1, 1_048_576);
    static final Limit PAGES = new Limit("pages", 16, 16_777_216);
    /** A page holds one packet: at least the IPv6 minimum MTU, at most 64 KiB. */
    static final Limit PAGE_SIZE = new Limit("page-size", 1280, 65_536);

    boolean contains(long value) { return value >= min && value <= max; }

    String expected() { return min + ".." + max; }

    String outOfRange(String value) {
        return key + "=" + value + " is out of range (expected " + expected() + ")";
    }
}
