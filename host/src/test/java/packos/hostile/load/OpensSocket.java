package packos.hostile.load;

import java.net.Socket;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: opens a host TCP socket. */
public final class OpensSocket implements Program {
    @Override
    public void main(Process self) throws Exception {
        try (var s = new Socket("::1", 9)) {
            s.getOutputStream().write(1);
        }
    }
}
