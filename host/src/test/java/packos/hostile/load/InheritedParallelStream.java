package packos.hostile.load;

import java.util.ArrayList;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: reaches parallelStream() through a list class of its own. */
public final class InheritedParallelStream implements Program {
    @Override
    public void main(Process self) throws Exception {
        var list = new Numbers();
        list.add(1);
        self.print("sum " + list.parallelStream().mapToInt(i -> i).sum());
    }

    /** Its own list: the call names this class, not java.util. */
    static final class Numbers extends ArrayList<Integer> {
        private static final long serialVersionUID = 1;
    }
}
