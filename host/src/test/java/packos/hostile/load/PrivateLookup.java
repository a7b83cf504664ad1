package packos.hostile.load;

import java.lang.invoke.MethodHandles;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: takes a private lookup into a library class. */
public final class PrivateLookup implements Program {
    @Override
    public void main(Process self) throws Exception {
        var lookup = MethodHandles.privateLookupIn(Process.class, MethodHandles.lookup());
        self.print("lookup " + lookup);
    }
}
