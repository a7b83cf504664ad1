package packos.hostile.load;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: replaces the host'\''s standard output for everyone. */
public final class ReplacesSystemOut implements Program {
    @Override
    public void main(Process self) throws Exception {
        System.setOut(new PrintStream(new ByteArrayOutputStream()));
    }
}
