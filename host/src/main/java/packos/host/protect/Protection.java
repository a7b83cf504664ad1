package packos.host.protect;

import packos.host.protect.instrument.Instrumenter;

/**
 * The protection every program gets when the host loads it: the verifier that refuses it before
 * it runs, and the transformer that instruments its classes as they are defined.
 *
 * <p>System property {@code packos.preemption} ({@code on}, the default, or {@code off}) is read
 * once, by the host, when this class initializes: {@code off} loads programs without preemption
 * points or heap metering, to measure what they cost. A program
 * that loops without calling the kernel then freezes its CPU.
 */
public final class Protection {
    public static final String PREEMPTION_PROPERTY = "packos.preemption";
    private static final String PREEMPTION_SETTING = System.getProperty(PREEMPTION_PROPERTY, "on");

    private Protection() {}

    /** The load-time verifier. */
    public static ProgramVerifier verifier() { return new packos.host.protect.verify.AllowListVerifier(); }

    /** The instrumenter, without preemption points and heap charges if {@code -Dpackos.preemption=off}. */
    public static ClassTransformer transformer() { return transformer(preemptionByDefault()); }

    /**
     * The instrumenter with preemption points and heap charges, or without them: for a host that
     * chooses per boot. Either way a program's classes are rewritten to run deterministically.
     */
    public static ClassTransformer transformer(boolean preemption) {
        return preemption ? Instrumenter.standard() : new Instrumenter(new Instrumenter.Points(false, false));
    }

    /** What {@code packos.preemption} says: true unless it is {@code off}; any other value than on or off is an error. */
    public static boolean preemptionByDefault() {
        return switch (PREEMPTION_SETTING) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("system property " + PREEMPTION_PROPERTY + "=" + PREEMPTION_SETTING
                    + " is not valid (expected on or off)");
        };
    }
}
