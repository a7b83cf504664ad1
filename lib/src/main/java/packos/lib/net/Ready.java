package packos.lib.net;

/** One object a poll found ready, and for what: a mask of {@link Pollable#READABLE}, WRITABLE and ERROR. */
public record Ready(Pollable source, int ops) {
    public boolean readable() { return (ops & Pollable.READABLE) != 0; }

    public boolean writable() { return (ops & Pollable.WRITABLE) != 0; }

    public boolean failed() { return (ops & Pollable.ERROR) != 0; }
}
