package packos.host.config;

/** Where machine time comes from: the host clock, or a virtual clock that jumps to the next timer when all are idle. */
public enum ClockMode {
    REAL, VIRTUAL;

    /** The word used in boot configs and on the command line. */
    public String word() { return name().toLowerCase(java.util.Locale.ROOT); }
}
