package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: prints on the host console, past Process.print. */
public final class PrintsToSystemOut implements Program {
    @Override
    public void main(Process self) throws Exception {
        System.out.println("hello from outside the machine");
    }
}
