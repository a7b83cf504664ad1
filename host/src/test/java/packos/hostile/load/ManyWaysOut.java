package packos.hostile.load;

import packos.lib.Process;
import packos.lib.Program;

/** Hostile, several ways at once: every one must be reported, uses of one kind on one line. */
public final class ManyWaysOut implements Program {
    @Override
    public void main(Process self) throws Exception {
        long t = System.nanoTime();
        Thread.sleep(1);
        System.out.println("slept " + (elapsed() - t));
    }

    private static long elapsed() { return System.nanoTime(); }
}
