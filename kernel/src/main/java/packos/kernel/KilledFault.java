package packos.kernel;

/** The scheduler killed the context. */
public final class KilledFault extends Fault {
    public KilledFault(String reason) { super("killed by the scheduler: " + reason); }
}
