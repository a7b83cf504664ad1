package packos.hostile.load;

import java.nio.file.Files;
import java.nio.file.Path;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: reads a host file through java.nio.file. */
public final class ReadsHostFileNio implements Program {
    @Override
    public void main(Process self) throws Exception {
        self.print(Files.readString(Path.of("/etc/hostname")));
    }
}
