package packos.machine.wire;

/** The {@code none} backend: a card with no cable. Nothing arrives and nothing sent gets anywhere. */
public final class NoWire implements EthernetWire {
    @Override
    public void start(FrameReceiver receiver) { }

    @Override
    public boolean transmit(byte[] frame, int off, int len) { return false; }

    @Override
    public String describe() { return "none"; }

    @Override
    public void close() { }
}
