package packos.hostile.determinism;

import java.util.List;
import packos.lib.Process;
import packos.lib.Program;

/**
 * Recurses through JDK code (each level a {@code forEach} over a one-element list, whose frames the
 * program's count cannot see) until its stack overflows, and prints how deep it got.
 */
public final class OverflowThroughTheJdk implements Program {
    private int depth;
    private static final List<Integer> ONE = List.of(1);

    @Override
    public void main(Process self) {
        for (int round = 0; round < 3; round++) {
            depth = 0;
            try {
                down();
            } catch (StackOverflowError e) {
                self.print("overflowed at depth " + depth);
            }
        }
    }

    private void down() {
        depth++;
        ONE.stream().map(x -> { down(); return x; }).filter(x -> x > 0).sorted().toList();
    }
}
