package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: waits on and notifies a boxed value from the JDK'\''s shared cache. */
public final class WaitsOnSharedObject implements Program {
    @Override
    public void main(Process self) throws Exception {
        Object shared = Integer.valueOf(7);
        shared.notifyAll();
        shared.wait(1);
    }
}
