package packos.host.capture;

import java.io.IOException;
import java.util.Objects;
import java.util.function.LongSupplier;
import packos.machine.wire.EthernetWire;
import packos.machine.wire.FrameReceiver;

/**
 * A wire that records every frame the card sends to it and every frame that arrives from it, on an
 * Ethernet interface of a capture, with machine-time timestamps like the KAN interface; otherwise
 * it is the wire it wraps. Arriving frames are recorded before the card sees them, as a capture on
 * the cable would show them.
 *
 * <p>Frames arrive on the wire's own thread while the card transmits on a context; the writer is
 * synchronized. As with {@link KanCapture}, the first I/O error stops the capture, not the machine;
 * {@link #flush} reports it.
 */
public final class CapturingWire implements EthernetWire {
    private final EthernetWire wire;
    private final PcapngWriter writer;
    private final LongSupplier machineNanos;
    private final int interfaceId;
    private long frames;
    private IOException failure;

    /** Adds an Ethernet interface named {@code name} to {@code writer}, which the caller still owns and closes. */
    public CapturingWire(EthernetWire wire, PcapngWriter writer, LongSupplier machineNanos, String name) throws IOException {
        this.wire = Objects.requireNonNull(wire, "wire");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.machineNanos = Objects.requireNonNull(machineNanos, "machineNanos");
        this.interfaceId = writer.addInterface(PcapngWriter.LINKTYPE_ETHERNET, name, 0);
    }

    @Override
    public void start(FrameReceiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        wire.start((frame, length) -> {
            record(frame, 0, length);
            receiver.frameArrived(frame, length);
        });
    }

    @Override
    public boolean transmit(byte[] frame, int off, int len) {
        Objects.checkFromIndexSize(off, len, frame.length);
        record(frame, off, len);
        return wire.transmit(frame, off, len);
    }

    @Override
    public String describe() { return wire.describe(); }

    @Override
    public void close() { wire.close(); }

    /** The wrapped wire. */
    public EthernetWire wire() { return wire; }

    /** How many frames have been written. */
    public synchronized long frames() { return frames; }

    /** Flushes the writer, or throws the error that stopped the capture. */
    public synchronized void flush() throws IOException {
        if (failure != null) throw new IOException("Ethernet capture stopped after " + frames + " frames: " + failure.getMessage(), failure);
        writer.flush();
    }

    private synchronized void record(byte[] frame, int off, int len) {
        if (failure != null) return;
        try {
            writer.write(interfaceId, Math.max(0, machineNanos.getAsLong()), frame, off, len);
            frames++;
        } catch (IOException e) {
            failure = e;
        }
    }
}
