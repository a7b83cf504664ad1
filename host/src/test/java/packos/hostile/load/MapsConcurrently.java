package packos.hostile.load;

import java.util.stream.Gatherers;
import java.util.stream.Stream;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: maps on virtual threads the JDK starts, which would make kernel calls as this process. */
public final class MapsConcurrently implements Program {
    @Override
    public void main(Process self) {
        var doubled = Stream.of(1, 2, 3).gather(Gatherers.mapConcurrent(4, i -> {
            self.print("on a foreign thread: " + i);
            return i * 2;
        })).toList();
        self.print("mapped " + doubled);
    }
}
