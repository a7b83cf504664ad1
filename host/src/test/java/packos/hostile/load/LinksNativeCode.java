package packos.hostile.load;

import java.lang.foreign.Linker;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: calls native code through the FFM linker. */
public final class LinksNativeCode implements Program {
    @Override
    public void main(Process self) throws Exception {
        var linker = Linker.nativeLinker();
        self.print("linked " + linker.defaultLookup().find("getpid").isPresent());
    }
}
