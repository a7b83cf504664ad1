package packos.lib.ninep;

/** A file's identity on a 9P server: its type (QTDIR or QTFILE), a version and a path unique on the server. */
public record Qid(int type, long version, long path) {
    public static final int LENGTH = 13;

    public boolean isDirectory() { return (type & NineP.QTDIR) != 0; }
}
