package packos.hostile.run;

import java.util.ArrayList;
import java.util.List;
import packos.lib.Process;
import packos.lib.Program;

/** Keeps every megabyte it allocates: it must be faulted before the JVM runs out of heap. */
public final class HeapHog implements Program {
    @Override
    public void main(Process self) {
        List<byte[]> keep = new ArrayList<>();
        self.print("hoarding");
        while (true) keep.add(new byte[1 << 20]);
    }
}
