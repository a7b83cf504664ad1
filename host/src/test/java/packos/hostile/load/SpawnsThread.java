package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: starts a host thread of its own, outside the scheduler's control. */
public final class SpawnsThread implements Program {
    @Override
    public void main(Process self) throws Exception {
        var t = new Thread(() -> { while (true) { } });
        t.setDaemon(true);
        t.start();
        self.print("escaped on " + t.getName());
    }
}
