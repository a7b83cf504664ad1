package packos.kernel;

/**
 * A static initializer of the program did what it cannot do without stopping the machine: waited
 * for the kernel, or kept its CPU past the kernel's bound after the clock asked for it. A thread
 * inside {@code <clinit>} cannot give its CPU up, so the process ends instead, and the class
 * fails to initialize.
 */
public final class InitializerFault extends Fault {
    public InitializerFault(String message) { super(message); }
}
