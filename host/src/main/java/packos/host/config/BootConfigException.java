package packos.host.config;

/**
 * A boot config that cannot be used. The message reads {@code FILE:LINE: what was wrong (expected ...)}
 * so that editors and terminals can jump to the line; a problem with no line (a command-line override)
 * reads {@code SOURCE: what was wrong}.
 */
public final class BootConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String problem;

    public BootConfigException(String source, int line, String problem) {
        super(line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /** The file or resource name, or "command line". */
    public String source() { return source; }

    /** 1-based line number, or 0 when the problem is not on a line. */
    public int line() { return line; }

    /** The message without its location. */
    public String problem() { return problem; }
}
