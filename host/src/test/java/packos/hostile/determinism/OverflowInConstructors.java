package packos.hostile.determinism;

import packos.lib.Process;
import packos.lib.Program;

/** Recurses through constructors until its stack overflows and prints how deep it got: the same in every run. */
public final class OverflowInConstructors implements Program {
    static int depth;

    static final class Node {
        final Node next;

        Node(int n) {
            depth++;
            this.next = n == 0 ? null : new Node(n - 1);
        }
    }

    @Override
    public void main(Process self) {
        for (int round = 0; round < 3; round++) {
            depth = 0;
            try {
                self.print("built " + (new Node(Integer.MAX_VALUE).next != null));
            } catch (StackOverflowError e) {
                self.print("overflowed at depth " + depth);
            }
        }
    }
}
