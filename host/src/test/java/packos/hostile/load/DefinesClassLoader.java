package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: brings its own class loader, to define classes the verifier never saw. */
public final class DefinesClassLoader implements Program {
    @Override
    public void main(Process self) throws Exception {
        var loader = new Loader();
        self.print("loader " + loader.getName());
    }

    /** A class loader of the program's own. */
    static final class Loader extends ClassLoader {
        Loader() { super("hostile", null); }
    }
}
