package packos.hostile.contain;

import java.util.ArrayList;
import packos.kernel.Packet;
import packos.lib.Process;
import packos.lib.Program;

/** Allocates packet pages and keeps every one, without end: its quota stops it, and only it. */
public final class QuotaExhaustion implements Program {
    @Override
    public void main(Process self) {
        var hoard = new ArrayList<Packet>();
        while (true) hoard.add(self.sys().allocate());
    }
}
