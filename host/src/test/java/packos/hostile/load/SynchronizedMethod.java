package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: declares a synchronized method. */
public final class SynchronizedMethod implements Program {
    @Override
    public void main(Process self) throws Exception {
        self.print("count " + next());
    }

    private int count;

    private synchronized int next() { return ++count; }
}
