package packos.machine;

/** Whoever services interrupts: the kernel. Called with the line already masked. */
@FunctionalInterface
public interface InterruptSink {
    void interrupt(int line);
}
