package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: reads raw memory with sun.misc.Unsafe. */
public final class UsesUnsafe implements Program {
    @Override
    public void main(Process self) throws Exception {
        long address = sun.misc.Unsafe.getUnsafe().allocateMemory(8);
        self.print("raw memory at " + address);
    }
}
