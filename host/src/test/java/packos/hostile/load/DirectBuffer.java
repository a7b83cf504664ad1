package packos.hostile.load;

import java.nio.ByteBuffer;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: allocates host memory outside its heap budget. */
public final class DirectBuffer implements Program {
    @Override
    public void main(Process self) throws Exception {
        self.print("capacity " + ByteBuffer.allocateDirect(1 << 30).capacity());
    }
}
