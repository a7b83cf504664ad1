package packos.machine.wire;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Two cards joined by a cable in memory: what one end transmits, the other receives. Each end
 * delivers on a platform thread of its own, as a real backend does, so a card that transmits
 * never runs the other card's receive path on its own stack. A full queue drops the frame, as a
 * switch port with a full buffer would.
 */
public final class LoopbackWire implements EthernetWire {
    /** Frames waiting at one end; a driver slower than its peer loses frames rather than stalling it. */
    public static final int QUEUE = 256;

    private final String name;
    private final BlockingQueue<byte[]> inbox = new ArrayBlockingQueue<>(QUEUE);
    private LoopbackWire peer;
    private volatile boolean closed;
    private Thread reader;

    private LoopbackWire(String name) { this.name = name; }

    /** Both ends of one cable. */
    public static LoopbackWire[] pair() {
        var a = new LoopbackWire("loopback:a");
        var b = new LoopbackWire("loopback:b");
        a.peer = b;
        b.peer = a;
        return new LoopbackWire[] {a, b};
    }

    @Override
    public synchronized void start(FrameReceiver receiver) {
        if (reader != null) throw new IllegalStateException(name + " is already started");
        reader = Thread.ofPlatform().daemon().name("packos-" + name).start(() -> {
            while (!closed) {
                try {
                    byte[] frame = inbox.poll(100, TimeUnit.MILLISECONDS);
                    if (frame != null && !closed) receiver.frameArrived(frame, frame.length);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @Override
    public boolean transmit(byte[] frame, int off, int len) {
        if (closed || peer.closed || !EthernetWire.isFrameLength(len)) return false;
        byte[] copy = new byte[len];
        System.arraycopy(frame, off, copy, 0, len);
        return peer.inbox.offer(copy);
    }

    @Override
    public String describe() { return name; }

    @Override
    public void close() {
        closed = true;
        Thread r;
        synchronized (this) { r = reader; }
        if (r != null) r.interrupt();
    }
}
