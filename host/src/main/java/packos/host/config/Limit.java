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
    static final Limit MAX_RESTARTS = new Limit("max-restarts", 0, 1_000_000);
    /** Seconds of machine time: up to a day. */
    static final Limit WITHIN = new Limit("within", 1, 86_400);
    /** Packets waiting on one direction of an impaired link. */
    static final Limit LINK_QUEUE = new Limit("limit", 1, 1_000_000);
    static final Limit CPU_SHARE = new Limit("cpu-share", 1, 100);
    /** Bytes: a program's heap burst, from 1 KiB to 1 TiB. */
    static final Limit HEAP = new Limit("heap", 1L << 10, 1L << 40);
    /** Bytes per second: 0 means the burst is all the process ever gets. */
    static final Limit HEAP_RATE = new Limit("heap-rate", 0, 1L << 40);
    /** Bytes: all a process may print on the console in its life, from 1 KiB to 1 TiB. */
    static final Limit OUTPUT = new Limit("output", 1L << 10, 1L << 40);
    /** Bytes a process may print at once, from 1 KiB (a long line) to 1 TiB. */
    static final Limit OUTPUT_BURST = new Limit("output-burst", 1L << 10, 1L << 40);
    /** Bytes per second of machine time refilling the output burst: 0 means the burst is all there is. */
    static final Limit OUTPUT_RATE = new Limit("output-rate", 0, 1L << 40);

    boolean contains(long value) { return value >= min && value <= max; }

    String expected() { return min + ".." + max; }

    String outOfRange(String value) {
        return key + "=" + value + " is out of range (expected " + expected() + ")";
    }
}
