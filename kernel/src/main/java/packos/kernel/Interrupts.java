package packos.kernel;

import packos.machine.Clock;
import packos.machine.InterruptController;

/**
 * Interrupt lines and their owners (xv6's trap.c, less the traps): a context with capability
 * {@code irq:N} registers a UDP port for line N, and each raise becomes a datagram from the
 * kernel to that port. The line stays masked until the owner acknowledges it.
 *
 * <p>Lock rule: the calls a process makes run on its own thread, pass {@link Cpus#enter} and take
 * the lock; an acknowledge (an unmask, which may raise the line again at once) happens after the
 * lock is let go. {@link #raised} comes from the machine's interrupt controller, on whatever
 * thread raised the line, and takes the lock itself. {@link #release} is called with it held.
 */
final class Interrupts {
    private final Kernel kernel;
    private final Context[] owner = new Context[InterruptController.LINES];
    private final int[] port = new int[InterruptController.LINES];
    /** Counters for {@link KernelStats}. Lock held. */
    long delivered, lost, spurious;

    Interrupts(Kernel kernel) { this.kernel = kernel; }

    void register(Context self, int line, int port) {
        kernel.cpus.enter(self);
        checkLine(line);
        if (!self.capabilities.contains(Capabilities.irq(line))) {
            throw new KernelException(ErrorCode.CAPABILITY_MISSING, self.name + " lacks capability irq:" + line);
        }
        if (port < 1 || port > 65535) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "UDP port " + port + " is not in 1..65535");
        kernel.lock.lock();
        try {
            var current = owner[line];
            if (current != null && current != self) {
                throw new KernelException(ErrorCode.RESOURCE_IN_USE, "interrupt " + line + " is registered to " + current.name);
            }
            owner[line] = self;
            this.port[line] = port;
        } finally {
            kernel.lock.unlock();
        }
    }

    void unregister(Context self, int line) {
        kernel.cpus.enter(self);
        checkLine(line);
        kernel.lock.lock();
        try {
            checkOwner(self, line);
            owner[line] = null;
        } finally {
            kernel.lock.unlock();
        }
        kernel.machine.interrupts().acknowledge(line);
    }

    void acknowledge(Context self, int line) {
        kernel.cpus.enter(self);
        checkLine(line);
        kernel.lock.lock();
        try {
            checkOwner(self, line);
        } finally {
            kernel.lock.unlock();
        }
        kernel.machine.interrupts().acknowledge(line);
    }

    private void checkOwner(Context self, int line) {
        if (owner[line] != self) {
            throw new KernelException(ErrorCode.PERMISSION_DENIED, "interrupt " + line + " is not registered to " + self.name);
        }
    }

    private static void checkLine(int line) {
        if (line < 0 || line >= InterruptController.LINES) {
            throw new KernelException(ErrorCode.NO_SUCH_INTERRUPT, "line " + line);
        }
    }

    /** An ended context's lines are free again, and unmasked. Lock held. */
    void release(Context ctx) {
        for (int line = 0; line < owner.length; line++) {
            if (owner[line] == ctx) {
                owner[line] = null;
                kernel.machine.interrupts().acknowledge(line);
            }
        }
    }

    /**
     * Whether the next clock tick reaches a context: someone holds the clock's line and has it
     * unmasked. A timer service with nothing pending leaves the line masked, so in virtual time
     * "every context blocked and the clock not armed" is a deadlock nothing can end.
     */
    boolean clockArmed() {
        kernel.lock.lock();
        try {
            return owner[Clock.LINE] != null && !kernel.machine.interrupts().isMasked(Clock.LINE);
        } finally {
            kernel.lock.unlock();
        }
    }

    /**
     * The machine raised a line: a UDP datagram from the kernel to the registered port, carrying
     * the line (u16), zero (u16) and the machine time in nanoseconds (u64). The line stays masked
     * until the owner acknowledges it.
     */
    void raised(int line) {
        boolean unmask = false;
        kernel.lock.lock();
        try {
            if (kernel.halted) return;
            if (line == Clock.LINE) kernel.cpus.sliceEnded();
            kernel.kan.releaseHeld();
            var to = owner[line];
            if (to == null) {
                spurious++;
                unmask = true;
            } else {
                long now = kernel.machine.clock().nanos();
                var payload = new byte[12];
                payload[0] = (byte) (line >>> 8);
                payload[1] = (byte) line;
                for (int i = 0; i < 8; i++) payload[4 + i] = (byte) (now >>> (56 - 8 * i));
                if (kernel.kan.sendFromKernel(to, port[line], payload)) {
                    delivered++;
                } else {
                    lost++;
                    unmask = true;
                }
            }
        } finally {
            kernel.lock.unlock();
        }
        // Outside the lock's work: an unmask may deliver a pending raise straight back to us.
        if (unmask) kernel.machine.interrupts().acknowledge(line);
    }
}
