package packos.kernel;

import java.util.function.Supplier;

/**
 * A kernel call refused with a named error. The caller's state is unchanged (a refused send
 * leaves the packet with the sender). Stackless, and its message is written only when read:
 * errors such as a full queue are part of normal flow control and must cost no more than a
 * return code.
 */
public final class KernelException extends RuntimeException {
    private final ErrorCode code;
    private final Supplier<String> detail;
    private String message;

    public KernelException(ErrorCode code, String detail) {
        super(null, null, false, false);
        this.code = code;
        this.detail = () -> detail;
    }

    /** The detail is computed only if someone reads the message. */
    public KernelException(ErrorCode code, Supplier<String> detail) {
        super(null, null, false, false);
        this.code = code;
        this.detail = detail;
    }

    public KernelException(ErrorCode code) { this(code, code.description()); }

    public ErrorCode code() { return code; }

    @Override
    public String getMessage() {
        if (message == null) {
            String d = detail.get();
            message = code.displayName() + (d == null || d.isEmpty() ? "" : ": " + d);
        }
        return message;
    }
}
