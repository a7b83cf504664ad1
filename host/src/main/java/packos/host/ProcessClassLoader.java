package packos.host;


/**
 * Loads one process's program classes afresh, so their static fields belong to that process
 * alone. The kernel, the library and the JDK come from the parent and are shared: they keep no
 * mutable static state (a test over the built jars checks it).
 */
final class ProcessClassLoader extends ClassLoader implements packos.kernel.Signals.Source {
    private static final String[] SHARED = {"java.", "javax.", "jdk.", "sun.", "packos.kernel.", "packos.lib.", "packos.machine."};
    /** The host's own code and its libraries are not for programs: a program reaching them would escape its process. */
    private static final String[] FORBIDDEN = {"packos.host.", "picocli."};

    static {
        registerAsParallelCapable();
    }

    private final ProgramClasses classes;
    private final packos.kernel.Signals signals;

    ProcessClassLoader(String processName, ClassLoader parent, ProgramClasses classes, packos.kernel.Signals signals) {
        super("process:" + processName, parent);
        this.classes = classes;
        this.signals = signals;
    }

    /** The kernel's signals of the one process whose classes this loader defines. */
    @Override
    public packos.kernel.Signals signals() { return signals; }

    static boolean isShared(String className) {
        for (String prefix : SHARED) if (className.startsWith(prefix)) return true;
        return false;
    }

    static boolean isForbidden(String className) {
        for (String prefix : FORBIDDEN) if (className.startsWith(prefix)) return true;
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) return super.loadClass(name, resolve);
        if (isForbidden(name)) throw new ClassNotFoundException(name + " belongs to the host, and programs may not use it");
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) c = defineOwn(name);
            if (resolve) resolveClass(c);
            return c;
        }
    }

    private Class<?> defineOwn(String name) throws ClassNotFoundException {
        byte[] bytes = classes.prepared(name);
        if (bytes == null) throw new ClassNotFoundException(name);
        return defineClass(name, bytes, 0, bytes.length);
    }
}
