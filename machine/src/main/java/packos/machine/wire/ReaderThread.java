package packos.machine.wire;

/** What the wires share about their reading thread. */
final class ReaderThread {
    private ReaderThread() {}

    /**
     * Waits for {@code reader} to end, unless it is the caller (a receiver that closes its own
     * wire). An interrupt does not cut the wait short, since the caller is about to release what
     * the reader uses; it is kept for the caller to see.
     */
    static void awaitEnd(Thread reader) {
        if (reader == null || reader == Thread.currentThread()) return;
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
