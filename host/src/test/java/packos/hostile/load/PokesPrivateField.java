package packos.hostile.load;

import java.lang.reflect.Field;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: reads another object'\''s private field by reflection. */
public final class PokesPrivateField implements Program {
    @Override
    public void main(Process self) throws Exception {
        Field f = Process.class.getDeclaredField("sys");
        f.setAccessible(true);
        self.print("got " + f.get(self));
    }
}
