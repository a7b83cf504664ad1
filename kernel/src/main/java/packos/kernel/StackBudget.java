package packos.kernel;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * How deep a program may recurse, in bytes of stack its frames would take if none were compiled.
 * Where a real {@link StackOverflowError} comes depends on which frames the JIT had compiled by
 * then, which differs from one JVM run to the next: a program that recursed until it overflowed
 * and printed how deep it got printed 11,374 in one run and 19,255 in another. The instrumenter
 * counts every program frame instead ({@link Signals#enter}, {@link Signals#leave}), weighed by
 * its locals and operand stack as an interpreted frame takes them, and every call into the JDK
 * while it runs ({@link #JDK_CALL}), and the overflow comes where
 * the count says, the same in every run, with half the thread's stack still free for the JDK
 * and the kernel below it.
 */
public final class StackBudget {
    /** The most a budget may be: 2 MiB, some 12,000 frames of a small method. The launcher gives carriers 4 MiB stacks. */
    static final long MOST = 2L << 20;
    /**
     * What a call into the JDK counts while it runs: the frames of the JDK's own below it, some
     * 20 of them for a stream's terminal operation that calls the program back. Recursion through
     * streams overflowed at 2,961 levels in one run and 3,361 in another before these counted.
     */
    static final int JDK_CALL = 3 * 1024;
    /** A stack size to assume when the JVM does not say: HotSpot's default on 64-bit Linux. */
    private static final long DEFAULT_STACK = 1L << 20;

    /** Half the stack each thread gets ({@code -Xss}), at most {@link #MOST}: the same for every run of one launcher. */
    static final long BYTES = Math.min(MOST, threadStackBytes() / 2);

    private StackBudget() {}

    /**
     * The bytes an interpreted frame of a method with these limits takes, about: its locals, its
     * operand stack, and HotSpot's fixed part of a frame (return address, saved frame pointer,
     * method, constant pool cache, bytecode pointer and the rest: 12 words), 8 bytes each, and
     * two more words for a monitor. What a compiled frame takes is less.
     */
    public static int weight(int maxLocals, int maxStack, boolean synchronizedMethod) {
        return 8 * (maxLocals + maxStack + 12 + (synchronizedMethod ? 2 : 0));
    }

    private static long threadStackBytes() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long kib = Long.parseLong(bean.getVMOption("ThreadStackSize").getValue());
            return kib > 0 ? kib << 10 : DEFAULT_STACK;
        } catch (RuntimeException e) {
            return DEFAULT_STACK;
        }
    }
}
