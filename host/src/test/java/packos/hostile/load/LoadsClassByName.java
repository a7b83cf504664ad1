package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: loads a class by name, around the verifier. */
public final class LoadsClassByName implements Program {
    @Override
    public void main(Process self) throws Exception {
        Class<?> kernel = Class.forName("packos.kernel.Kernel");
        self.print("loaded " + kernel.getName());
    }
}
