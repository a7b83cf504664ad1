package packos.bench.kan;

import packos.lib.Process;
import packos.lib.Program;

/** A context that is alive and does nothing: blocked in receive for as long as the machine runs. */
public final class Idle implements Program {

    @Override
    public void main(Process self) {
        var sys = self.sys();
        while (true) {
            sys.free(sys.receive());
        }
    }
}
