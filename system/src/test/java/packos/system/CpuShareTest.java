package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import packos.lib.Process;
import packos.lib.Program;
import org.junit.jupiter.api.Test;

/** Weighted round robin: with CPU shares 1 and 3, two busy processes get CPU in the ratio 1 to 3. */
class CpuShareTest {
    /**
     * Counts loop iterations, each an instrumented back-edge, until machine time reaches the
     * argument (ms). It never calls the kernel: only the clock takes the CPU from it, at each tick.
     */
    public static final class BusyCounter implements Program {
        @Override
        public void main(Process self) {
            var backEdge = SystemMachine.signals();
            long until = SystemMachine.ms(Long.parseLong(self.arg(0, "400")));
            long count = 0;
            while (true) {
                backEdge.poll();
                if ((++count & 0xFFFF) == 0 && self.now() >= until) break;
            }
            SystemMachine.report(self.name() + ".count", count);
        }
    }

    @Test
    void busyProcessWithShare3GetsThreeTimesTheCpuOfOneWithShare1InVirtualTime() {
        new SystemMachine()
                .add(SystemMachine.spec("light", BusyCounter.class, "400").withCpuShare(1))
                .add(SystemMachine.spec("heavy", BusyCounter.class, "400").withCpuShare(3))
                .boot().assertClean();
        long light = SystemMachine.reported("light.count");
        long heavy = SystemMachine.reported("heavy.count");
        double ratio = (double) heavy / light;
        assertTrue(ratio > 2.9 && ratio < 3.1, "heavy/light = " + heavy + "/" + light + " = " + ratio);
    }

    @Test
    void equalSharesGetEqualCpu() {
        new SystemMachine()
                .add(SystemMachine.spec("a", BusyCounter.class, "200").withCpuShare(2))
                .add(SystemMachine.spec("b", BusyCounter.class, "200").withCpuShare(2))
                .boot().assertClean();
        long a = SystemMachine.reported("a.count");
        long b = SystemMachine.reported("b.count");
        double ratio = (double) a / b;
        assertTrue(ratio > 0.97 && ratio < 1.03, "a/b = " + a + "/" + b + " = " + ratio);
    }

    /** Shared by the two yielders of one run: how many slices the light one has had (the harness does not isolate). */
    static final AtomicLong LIGHT_SLICES = new AtomicLong();

    /** Yields in a loop; each yield ends a slice. The heavy one stops after its argument's slices and notes the light one's count. */
    public static final class Yielder implements Program {
        @Override
        public void main(Process self) {
            boolean heavy = self.name().equals("heavy");
            if (heavy) {
                int slices = Integer.parseInt(self.arg(0, "3000"));
                for (int i = 0; i < slices; i++) self.yield();
                SystemMachine.report("light slices when heavy finished", LIGHT_SLICES.get());
            } else {
                for (int i = 0; i < 2000; i++) {
                    LIGHT_SLICES.incrementAndGet();
                    self.yield();
                }
            }
        }
    }

    @Test
    void sharesCountSlicesEndedByAYieldToo() {
        LIGHT_SLICES.set(0);
        new SystemMachine()
                .add(SystemMachine.spec("light", Yielder.class).withCpuShare(1))
                .add(SystemMachine.spec("heavy", Yielder.class, "3000").withCpuShare(3))
                .boot().assertClean();
        long light = SystemMachine.reported("light slices when heavy finished");
        assertTrue(Math.abs(light - 1000) <= 2, "light had " + light + " slices while heavy had 3000");
    }

    @Test
    void shareOutOfRangeIsRefusedWhenTheBootProcessIsMade() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SystemMachine.spec("x", Yielder.class).withCpuShare(101));
        assertEquals("cpu share 101 is not in 1..100", e.getMessage());
    }
}
