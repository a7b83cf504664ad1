package packos.kernel;

/** A packet handle was used after its packet was sent or freed: ownership had moved on. */
public final class DeadPacketFault extends Fault {
    public DeadPacketFault(String what) { super("use of a dead packet handle: " + what); }
}
