package packos.hostile.load;

import java.util.ArrayList;
import java.util.Collection;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: reaches Collection.parallelStream() through an interface of its own. */
public final class InheritedViaInterface implements Program {
    /** Its own interface: the call names this interface, not java.util. */
    interface Bag extends Collection<Integer> { }

    static final class BagList extends ArrayList<Integer> implements Bag {
        private static final long serialVersionUID = 1;
    }

    @Override
    public void main(Process self) {
        Bag bag = new BagList();
        bag.add(2);
        self.print("sum " + bag.parallelStream().mapToInt(i -> i).sum());
    }
}
