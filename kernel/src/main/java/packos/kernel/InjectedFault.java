package packos.kernel;

/**
 * A fault the kernel threw into a context on purpose, because its limits ask for injected faults:
 * a testing tool that ends an unmodified program at a random kernel call, as a bug there would.
 */
public final class InjectedFault extends Fault {
    public InjectedFault(String where) { super("injected fault " + where); }
}
