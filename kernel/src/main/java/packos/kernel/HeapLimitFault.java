package packos.kernel;

/** A program allocated heap faster than its limits allow. */
public final class HeapLimitFault extends Fault {
    public HeapLimitFault(String what) { super("heap limit exceeded: " + what); }
}
