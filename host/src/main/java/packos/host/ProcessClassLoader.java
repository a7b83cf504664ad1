package packos.host;

import java.io.IOException;
import java.io.InputStream;

/**
 * Loads one process's program classes afresh, so their static fields belong to that process
 * alone. The kernel, the library and the JDK come from the parent and are shared: they keep no
 * mutable static state (a test over the built jars checks it).
 */
final class ProcessClassLoader extends ClassLoader {
    private static final String[] SHARED = {"java.", "javax.", "jdk.", "sun.", "packos.kernel.", "packos.lib.", "packos.machine."};
    /** The host's own code and its libraries are not for programs: a program reaching them would escape its process. */
    private static final String[] FORBIDDEN = {"packos.host.", "picocli."};

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader source;

    ProcessClassLoader(String processName, ClassLoader source) {
        super("process:" + processName, source);
        this.source = source;
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
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = source.getResourceAsStream(resource)) {
            if (in == null) throw new ClassNotFoundException(name);
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name + ": " + e.getMessage(), e);
        }
    }
}
