package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: blocks its CPU on the host clock with Thread.sleep. */
public final class Sleeper implements Program {
    @Override
    public void main(Process self) throws Exception {
        Thread.sleep(1000);
        self.print("slept on the host clock");
    }
}
