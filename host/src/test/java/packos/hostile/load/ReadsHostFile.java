package packos.hostile.load;

import java.io.File;
import java.io.FileInputStream;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: reads a host file through java.io. */
public final class ReadsHostFile implements Program {
    @Override
    public void main(Process self) throws Exception {
        try (var in = new FileInputStream(new File("/etc/hostname"))) {
            self.print("host name " + new String(in.readAllBytes()));
        }
    }
}
