package packos.machine.nic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import packos.machine.wire.EthernetWire;
import packos.machine.wire.FrameReceiver;

/** A wire for tests: keeps what the card sends, and delivers frames on the test's own thread when told to. */
final class RecordingWire implements EthernetWire {
    final List<byte[]> sent = new ArrayList<>();
    boolean up = true;
    private FrameReceiver receiver;

    @Override
    public void start(FrameReceiver receiver) { this.receiver = receiver; }

    @Override
    public synchronized boolean transmit(byte[] frame, int off, int len) {
        if (!up) return false;
        sent.add(Arrays.copyOfRange(frame, off, off + len));
        return true;
    }

    void deliver(byte[] frame) { receiver.frameArrived(frame.clone(), frame.length); }

    @Override
    public String describe() { return "recording"; }

    @Override
    public void close() { }
}
