package packos.kernel;

/**
 * A kernel call refused with a named error. The caller's state is unchanged (a refused send
 * leaves the packet with the sender). Stackless: errors such as a full queue are part of
 * normal flow control and must cost no more than a return code.
 */
public final class KernelException extends RuntimeException {
    private final ErrorCode code;

    public KernelException(ErrorCode code, String detail) {
        super(code.displayName() + (detail == null || detail.isEmpty() ? "" : ": " + detail), null, false, false);
        this.code = code;
    }

    public KernelException(ErrorCode code) { this(code, code.description()); }

    public ErrorCode code() { return code; }
}
