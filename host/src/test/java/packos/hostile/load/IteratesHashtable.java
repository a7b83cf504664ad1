package packos.hostile.load;

import java.util.Hashtable;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: a Hashtable of enums iterates in identity-hash order, and nothing can make it insertion-ordered. */
public final class IteratesHashtable implements Program {
    enum Side { LEFT, RIGHT }

    @Override
    public void main(Process self) {
        var table = new Hashtable<Side, Integer>();
        table.put(Side.LEFT, 1);
        table.put(Side.RIGHT, 2);
        self.print("order " + table.keySet());
    }
}
