package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: declares a JNI method. */
public final class DeclaresNativeMethod implements Program {
    @Override
    public void main(Process self) throws Exception {
        self.print("native says " + escape());
    }

    private static native int escape();
}
