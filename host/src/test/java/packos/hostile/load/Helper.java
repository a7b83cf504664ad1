package packos.hostile.load;

/** A library class a hostile program brings along: verified like the program itself. */
public final class Helper {
    private Helper() {}

    public static long stamp() { return System.currentTimeMillis(); }
}
