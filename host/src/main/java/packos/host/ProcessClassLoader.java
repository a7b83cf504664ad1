package packos.host;

import java.util.Set;
import packos.host.protect.ReservedNames;

/**
 * Loads one process's program classes afresh, so their static fields belong to that process
 * alone. The kernel, the library and the JDK come from the parent and are shared: they keep no
 * mutable static state (a test over the built jars checks it).
 *
 * <p>It defines only the classes the verifier checked for this program: whatever asks it for
 * another class by name (the JVM resolving a constant, a stack map frame, a nest host, or any JDK
 * path handed this loader) gets {@link ClassNotFoundException}. So every class a process runs
 * was verified, whatever route led to it. It finds no resources of the program: its program's
 * class files are read by the host, never published through {@code getResource}, so no service
 * provider or bundle can be found in a program's jar.
 */
final class ProcessClassLoader extends ClassLoader implements packos.kernel.Signals.Source {
    static {
        registerAsParallelCapable();
    }

    private final ProgramClasses classes;
    private final Set<String> verified;
    private final packos.kernel.Signals signals;

    /** @param verified the program classes the verifier checked: the only ones this loader defines */
    ProcessClassLoader(String processName, ClassLoader parent, ProgramClasses classes, Set<String> verified, packos.kernel.Signals signals) {
        super("process:" + processName, parent);
        this.classes = classes;
        this.verified = verified;
        this.signals = signals;
    }

    /** The kernel's signals of the one process whose classes this loader defines. */
    @Override
    public packos.kernel.Signals signals() { return signals; }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (ReservedNames.isShared(name)) return super.loadClass(name, resolve);
        if (ReservedNames.isHost(name)) throw new ClassNotFoundException(name + " belongs to the host, and programs may not use it");
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) c = defineOwn(name);
            if (resolve) resolveClass(c);
            return c;
        }
    }

    private Class<?> defineOwn(String name) throws ClassNotFoundException {
        if (!verified.contains(name)) {
            throw new ClassNotFoundException(name + " was not verified for this program, so it is never loaded");
        }
        byte[] bytes = classes.prepared(name);
        if (bytes == null) throw new ClassNotFoundException(name);
        return defineClass(name, bytes, 0, bytes.length);
    }
}
