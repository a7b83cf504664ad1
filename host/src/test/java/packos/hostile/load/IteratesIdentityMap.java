package packos.hostile.load;

import java.util.IdentityHashMap;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: an identity map iterates in identity-hash order, a different one in every JVM run. */
public final class IteratesIdentityMap implements Program {
    @Override
    public void main(Process self) {
        var seen = new IdentityHashMap<Object, String>();
        seen.put(new Object(), "a");
        seen.put(new Object(), "b");
        self.print("order " + seen.values());
    }
}
