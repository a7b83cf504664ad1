package packos.kernel;

/**
 * Something a context did that ends it: use of a dead packet, a quota exceeded. Thrown into the
 * offending context only; the kernel reclaims the context's resources and tells the scheduler.
 */
public class Fault extends Error {
    public Fault(String message) { super(message); }
}
