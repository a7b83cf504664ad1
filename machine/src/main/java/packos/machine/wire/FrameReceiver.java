package packos.machine.wire;

/** Takes the frames a wire receives. Called on the wire's own thread; {@code frame} is the receiver's to keep. */
@FunctionalInterface
public interface FrameReceiver {
    void frameArrived(byte[] frame, int length);
}
