package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: keeps state in a thread-local, which a carrier thread shares with other processes. */
public final class UsesThreadLocal implements Program {
    @Override
    public void main(Process self) throws Exception {
        ThreadLocal<Integer> local = ThreadLocal.withInitial(() -> 1);
        local.set(2);
        self.print("local " + local.get());
    }
}
