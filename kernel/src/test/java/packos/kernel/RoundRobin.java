package packos.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A minimal test scheduler for one CPU: runs ready contexts in creation order with yieldTo,
 * sleeps in waitForEvent when none is ready, and keeps what it sees (switches, context-end
 * notices, other packets, clock ticks) for the test to check after the run.
 */
final class RoundRobin {
    /** A context-end notice: UDP from the kernel to {@link SchedulerCalls#CONTEXT_NOTICE_PORT}. */
    record Notice(int contextId, boolean faulted, String reason, Address ipv6Source, Address kanSource, int port) {}

    /** A packet for the scheduler that was not a notice or a tick. */
    record Received(Address kanSource, byte[] bytes) {}

    final Syscalls sys;
    final SchedulerCalls sched;
    final TestMachine tm;
    final List<Context> contexts = Collections.synchronizedList(new ArrayList<>());
    final List<Switch> switches = Collections.synchronizedList(new ArrayList<>());
    final List<Notice> notices = Collections.synchronizedList(new ArrayList<>());
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    final List<Long> ticks = Collections.synchronizedList(new ArrayList<>());
    private int clockPort = -1;

    RoundRobin(Syscalls sys, TestMachine tm) {
        this.sys = sys;
        this.sched = sys.scheduler();
        this.tm = tm;
    }

    Context start(String name, String program, String... args) { return start(name, program, Set.of(), args); }

    Context start(String name, String program, Set<String> caps, String... args) {
        var c = sched.create(name, program, List.of(args), caps);
        contexts.add(c);
        return c;
    }

    /** Takes the clock's interrupt; each tick is recorded (machine time) and acknowledged. */
    void listenToClock(int port) {
        sys.registerInterrupt(packos.machine.Clock.LINE, port);
        clockPort = port;
    }

    Switch yieldTo(Context c) {
        var s = sched.yieldTo(c);
        switches.add(s);
        return s;
    }

    /** Reads every packet waiting for the scheduler, sorts it, frees it. */
    void drain() {
        for (Packet p; (p = sys.poll()) != null; ) {
            boolean fromKernel = p.kanSource().equals(sys.kernelAddress()) && p.u8(6) == 17;
            if (fromKernel && p.u16(42) == SchedulerCalls.CONTEXT_NOTICE_PORT) {
                int len = p.length() - 53;
                notices.add(new Notice(p.i32(48), p.u8(52) == 1,
                        new String(p.copyBytes(53, len), java.nio.charset.StandardCharsets.UTF_8),
                        p.address(8), p.kanSource(), p.u16(42)));
            } else if (fromKernel && p.u16(42) == clockPort) {
                ticks.add(p.i64(52));
                sys.acknowledgeInterrupt(packos.machine.Clock.LINE);
            } else {
                received.add(new Received(p.kanSource(), p.toByteArray()));
            }
            sys.free(p);
        }
    }

    /** Runs ready contexts until {@code done}; sleeps in waitForEvent when nothing is ready. */
    void runUntil(BooleanSupplier done) {
        while (true) {
            drain();
            while (sched.nextWoken() != null) {
                // the round-robin pass below looks at every context anyway
            }
            if (done.getAsBoolean()) return;
            boolean ran = false;
            for (Context c : List.copyOf(contexts)) {
                if (c.state() == ContextState.READY) {
                    yieldTo(c);
                    ran = true;
                    drain();
                    if (done.getAsBoolean()) return;
                }
            }
            if (!ran) sched.waitForEvent();
        }
    }

    void runUntilFinished(Context... cs) {
        runUntil(() -> {
            for (var c : cs) if (c.state() != ContextState.FINISHED) return false;
            return true;
        });
    }

    Notice noticeFor(Context c) {
        synchronized (notices) {
            for (var n : notices) if (n.contextId() == c.id()) return n;
        }
        return null;
    }
}
