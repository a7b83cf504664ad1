package packos.kernel;

/** The context asked for more packet pages than its quota allows. */
public final class QuotaExceededFault extends Fault {
    public QuotaExceededFault(String what) { super("packet quota exceeded: " + what); }
}
