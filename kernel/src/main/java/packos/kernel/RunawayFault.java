package packos.kernel;

/**
 * The context kept its CPU past the kernel's bound without reaching a preemption point: it ran
 * inside JDK code that calls nothing of the program's back, or stayed at the edge of its stack,
 * where a preemption point's own work overflows. The kernel's watchdog ({@link CpuWatch}) took the
 * CPU back and ended the process; its thread parks or ends when it next reaches the kernel.
 */
public final class RunawayFault extends Fault {
    public RunawayFault(String message) { super(message); }
}
