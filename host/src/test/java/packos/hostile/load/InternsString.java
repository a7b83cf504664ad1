package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: interns a string, to share its identity with every process. */
public final class InternsString implements Program {
    @Override
    public void main(Process self) throws Exception {
        String shared = new String(new char[] {'p', 'k'}).intern();
        self.print("interned " + shared);
    }
}
