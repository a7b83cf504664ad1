package packos.hostile.load;

import java.util.Random;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: seeds a random source from the host. */
public final class UnseededRandom implements Program {
    @Override
    public void main(Process self) throws Exception {
        self.print("dice " + new Random().nextInt(6));
    }
}
