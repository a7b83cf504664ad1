package packos.host;

import java.io.IOException;
import java.io.InputStream;

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

    private final ClassLoader source;
    private final packos.kernel.Signals signals;
    private final packos.host.protect.ClassTransformer transformer;

    ProcessClassLoader(String processName, ClassLoader source, packos.kernel.Signals signals,
                       packos.host.protect.ClassTransformer transformer) {
        super("process:" + processName, source);
        this.source = source;
        this.signals = signals;
        this.transformer = transformer;
    }

    /** The kernel's signals of the one process whose classes this loader defines. */
    @Override
    public packos.kernel.Signals signals() { return signals; }

    /** The class file of a program class, as the source holds it, or null. */
    byte[] originalBytes(String name) {
        try (InputStream in = source.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

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
        byte[] bytes = originalBytes(name);
        if (bytes == null) throw new ClassNotFoundException(name);
        bytes = transformer.transform(name, bytes);
        return defineClass(name, bytes, 0, bytes.length);
    }
}
