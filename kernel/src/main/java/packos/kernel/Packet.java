package packos.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A handle on one packet page: the KAN header (source, destination) plus the bytes of an IPv6
 * packet, starting at offset 0. Handles are owned: sending or freeing a packet kills the
 * handle, and any later use of it is a {@link DeadPacketFault}. The receiver gets a fresh handle
 * on the same bytes, so a send copies nothing.
 *
 * <p>All multi-byte accessors are big-endian (network order).
 */
public final class Packet {
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    final Page page;
    private final byte[] b;
    private int length;
    private boolean alive = true;
    Context owner;
    Address kanSource = Address.UNSPECIFIED;
    Address kanDestination = Address.UNSPECIFIED;

    Packet(Page page) {
        this.page = page;
        this.b = page.bytes;
    }

    /**
     * A packet outside any pool, for tests, tools and frames that never cross the KAN. The kernel
     * refuses to send it. Called by a context, its bytes are charged to that context's heap
     * budget first: a program must not hold host heap through pages it may ask for at any size.
     */
    public static Packet standalone(int capacity) {
        Signals.chargeCaller(STANDALONE_OVERHEAD + Math.max(0, capacity));
        return new Packet(new Page(capacity, null));
    }

    /** A handle, a page and the page's array header: what a standalone packet costs beyond its bytes. */
    private static final long STANDALONE_OVERHEAD = 96;

    /** A standalone packet holding a copy of {@code bytes}. */
    public static Packet of(byte[] bytes) {
        var p = standalone(bytes.length);
        p.put(0, bytes, 0, bytes.length);
        p.setLength(bytes.length);
        return p;
    }

    /** The handle that takes over this packet's page; this one dies. */
    Packet transfer() {
        check();
        alive = false;
        var next = new Packet(page);
        next.length = length;
        next.kanSource = kanSource;
        next.kanDestination = kanDestination;
        return next;
    }

    /** A second packet with this one's bytes, KAN header and owner, in {@code page}: a duplicate on the wire. */
    Packet copyInto(Page page) {
        var copy = new Packet(page);
        System.arraycopy(b, 0, copy.b, 0, length);
        copy.touch(length);
        copy.length = length;
        page.checksumStart = this.page.checksumStart;
        page.checksumField = this.page.checksumField;
        page.checksumSeed = this.page.checksumSeed;
        copy.kanSource = kanSource;
        copy.kanDestination = kanDestination;
        copy.owner = owner;
        return copy;
    }

    void kill() { alive = false; }

    /**
     * Leaves this packet's upper-layer checksum for the link to fill (checksum offload, as a NIC
     * does for Linux): the ones'-complement sum over [{@code start}, length) plus {@code seed}
     * (the pseudo-header's sum) belongs in the 16-bit field at {@code field}, which must be zero
     * now. The KAN never alters a page, so a receiver may trust a pending checksum unverified;
     * anything that shows or alters the bytes (a capture, a corrupting link, a NIC) fills it first.
     */
    public void setChecksumPending(int start, int field, long seed) {
        check();
        if (start < 0 || field < start || field + 2 > length) {
            throw new IndexOutOfBoundsException("checksum field " + field + " from " + start + " is outside the " + length + "-byte packet");
        }
        page.checksumStart = start;
        page.checksumField = field;
        page.checksumSeed = seed;
    }

    /** Whether the upper-layer checksum is left for the link to fill. */
    public boolean checksumPending() {
        check();
        return page.checksumStart >= 0;
    }

    /** No checksum is pending any more: the bytes are a new packet, or carry their own checksum. */
    public void clearChecksumPending() {
        check();
        page.checksumStart = -1;
    }

    /** Computes and stores a pending checksum now; nothing if none is pending. */
    public void completeChecksum() {
        check();
        page.completeChecksum(length);
    }

    public boolean alive() { return alive; }

    private void check() {
        if (!alive) throw new DeadPacketFault("the packet was sent or freed");
    }

    private void touch(int end) {
        if (end > page.dirty) page.dirty = end;
    }

    public int capacity() { return b.length; }

    /** Bytes in use: the IPv6 header and everything after it. */
    public int length() {
        check();
        return length;
    }

    public void setLength(int length) {
        check();
        if (length < 0 || length > b.length) {
            throw new IndexOutOfBoundsException("length " + length + " is outside 0.." + b.length);
        }
        if (length > this.length) touch(length);
        this.length = length;
    }

    public Address kanSource() {
        check();
        return kanSource;
    }

    public Address kanDestination() {
        check();
        return kanDestination;
    }

    /** Where the KAN delivers this packet: the IPv6 destination, or a gateway such as the router. */
    public void setKanDestination(Address destination) {
        check();
        kanDestination = destination;
    }

    public int u8(int off) {
        check();
        return b[off] & 0xff;
    }

    public void putU8(int off, int v) {
        check();
        touch(off + 1);
        b[off] = (byte) v;
    }

    public int u16(int off) {
        check();
        return (short) U16.get(b, off) & 0xffff;
    }

    public void putU16(int off, int v) {
        check();
        touch(off + 2);
        U16.set(b, off, (short) v);
    }

    public int i32(int off) {
        check();
        return (int) I32.get(b, off);
    }

    public long u32(int off) { return i32(off) & 0xffffffffL; }

    public void putI32(int off, int v) {
        check();
        touch(off + 4);
        I32.set(b, off, v);
    }

    public long i64(int off) {
        check();
        return (long) I64.get(b, off);
    }

    public void putI64(int off, long v) {
        check();
        touch(off + 8);
        I64.set(b, off, v);
    }

    public Address address(int off) {
        return new Address(i64(off), i64(off + 8));
    }

    public void putAddress(int off, Address a) {
        putI64(off, a.high());
        putI64(off + 8, a.low());
    }

    public void get(int off, byte[] dst, int dstOff, int len) {
        check();
        System.arraycopy(b, off, dst, dstOff, len);
    }

    public byte[] copyBytes(int off, int len) {
        var out = new byte[len];
        get(off, out, 0, len);
        return out;
    }

    /** A copy of the packet's bytes, 0 to length. */
    public byte[] toByteArray() { return copyBytes(0, length()); }

    public void put(int off, byte[] src, int srcOff, int len) {
        check();
        touch(off + len);
        System.arraycopy(src, srcOff, b, off, len);
    }

    public void put(int off, byte[] src) { put(off, src, 0, src.length); }

    /** Moves bytes within the packet; the ranges may overlap. */
    public void move(int from, int to, int len) {
        check();
        touch(to + len);
        System.arraycopy(b, from, b, to, len);
    }

    public void copyTo(int off, Packet dst, int dstOff, int len) {
        check();
        dst.put(dstOff, b, off, len);
    }

    public void fill(int off, int len, int value) {
        check();
        touch(off + len);
        java.util.Arrays.fill(b, off, off + len, (byte) value);
    }

    /** The ones'-complement sum of a byte range, added to {@code initial}, not yet folded. */
    public long onesSum(int off, int len, long initial) {
        check();
        return InetChecksum.sum(b, off, len, initial);
    }

    /** The kernel's own access for capture and checksums, without the liveness check. */
    byte[] bytes() { return b; }
}
