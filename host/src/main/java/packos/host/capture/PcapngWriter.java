package packos.host.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a pcapng capture (draft-ietf-opsawg-pcapng) that Wireshark and tshark read: one Section
 * Header Block, Interface Description Blocks as interfaces are added, then an Enhanced Packet Block
 * per packet. Little-endian, with nanosecond timestamps on every interface.
 *
 * <p>The output is a function of the calls made and nothing else: no hardware, OS or application
 * options, no wall-clock time, no host name. With virtual machine time, the same run gives the
 * same file byte for byte.
 *
 * <p>Methods are synchronized: the kernel writes KAN packets under its lock while a NIC backend may
 * write frames from its own thread. Output is buffered; call {@link #flush} or {@link #close}.
 */
public final class PcapngWriter implements Closeable, Flushable {
    /** Ethernet frames, for NIC captures. */
    public static final int LINKTYPE_ETHERNET = 1;
    /** Raw IPv6 packets with no link header, for the KAN. */
    public static final int LINKTYPE_IPV6 = 229;

    static final int SECTION_HEADER_BLOCK = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION_BLOCK = 1;
    static final int ENHANCED_PACKET_BLOCK = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int IF_NAME = 2;
    static final int IF_TSRESOL = 9;
    /** if_tsresol 9: timestamps count 10^-9 s, the unit of machine time. */
    static final byte NANOSECONDS = 9;

    private static final int BUFFER_SIZE = 1 << 16;

    private record Interface(int linkType, String name, int snapLen) {}

    private final OutputStream out;
    private final BlockBuffer block = new BlockBuffer();
    private final List<Interface> interfaces = new ArrayList<>();
    private boolean closed;

    /** Writes the section header at once; the writer owns {@code out} and closes it. */
    public PcapngWriter(OutputStream out) throws IOException {
        this.out = new BufferedOutputStream(Objects.requireNonNull(out, "out"), BUFFER_SIZE);
        block.start(SECTION_HEADER_BLOCK)
                .putInt(BYTE_ORDER_MAGIC)
                .putShort(1).putShort(0)  // version 1.0
                .putLong(-1)              // section length unknown: we stream
                .writeTo(this.out);
    }

    /** Creates (or truncates) {@code file} and writes the section header to it. */
    public static PcapngWriter create(Path file) throws IOException {
        return new PcapngWriter(Files.newOutputStream(file));
    }

    /**
     * Describes an interface and returns its id for {@link #write}; ids count from 0 in the order added.
     *
     * @param snapLen the most bytes kept of each packet; 0 means no limit
     */
    public synchronized int addInterface(int linkType, String name, int snapLen) throws IOException {
        Objects.requireNonNull(name, "name");
        if (linkType < 0 || linkType > 0xffff) throw new IllegalArgumentException("link type " + linkType + " is not in 0..65535");
        if (snapLen < 0) throw new IllegalArgumentException("snap length " + snapLen + " is negative");
        ensureOpen();
        block.start(INTERFACE_DESCRIPTION_BLOCK)
                .putShort(linkType).putShort(0)
                .putInt(snapLen)
                .option(IF_NAME, name)
                .option(IF_TSRESOL, new byte[] {NANOSECONDS})
                .endOfOptions()
                .writeTo(out);
        interfaces.add(new Interface(linkType, name, snapLen));
        return interfaces.size() - 1;
    }

    /** Writes one packet seen on {@code interfaceId} at {@code timeNanos} of machine time. */
    public void write(int interfaceId, long timeNanos, byte[] bytes, int off, int len) throws IOException {
        write(interfaceId, timeNanos, bytes, off, len, null);
    }

    /**
     * Writes one packet with an optional comment (opt_comment; null for none). A packet longer than
     * the interface's snap length is cut to it, and its original length is recorded.
     */
    public synchronized void write(int interfaceId, long timeNanos, byte[] bytes, int off, int len, String comment) throws IOException {
        Objects.checkFromIndexSize(off, len, bytes.length);
        if (interfaceId < 0 || interfaceId >= interfaces.size()) {
            throw new IllegalArgumentException("interface " + interfaceId + " was never added (" + interfaces.size() + " interfaces)");
        }
        if (timeNanos < 0) throw new IllegalArgumentException("time " + timeNanos + " ns is before the machine started");
        ensureOpen();
        int snapLen = interfaces.get(interfaceId).snapLen();
        int captured = snapLen == 0 ? len : Math.min(len, snapLen);
        block.start(ENHANCED_PACKET_BLOCK)
                .putInt(interfaceId)
                .putInt((int) (timeNanos >>> 32))
                .putInt((int) timeNanos)
                .putInt(captured)
                .putInt(len)
                .putPadded(bytes, off, captured);
        if (comment != null) block.option(BlockBuffer.OPT_COMMENT, comment).endOfOptions();
        block.writeTo(out);
    }

    @Override
    public synchronized void flush() throws IOException {
        ensureOpen();
        out.flush();
    }

    /** Flushes and closes the stream; closing twice does nothing. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        out.close();
    }

    private void ensureOpen() throws IOException {
        if (closed) throw new IOException("capture is closed");
    }
}
