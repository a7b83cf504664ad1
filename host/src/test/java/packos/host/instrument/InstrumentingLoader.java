package packos.host.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import packos.host.protect.ClassTransformer;
import packos.kernel.ContextLimits;
import packos.kernel.Signals;

/**
 * Defines the classes of one package afresh, through a transformer, the way a process's loader
 * does, with signals of their own that belong to no context (polls return at once, and heap is
 * counted but never refused). Everything else comes from the test's own loader.
 */
final class InstrumentingLoader extends ClassLoader implements Signals.Source {
    private final String packagePrefix;
    private final ClassTransformer transformer;
    private final Signals signals = new Signals(new ContextLimits(64, 1024, ContextLimits.DEFAULT_HEAP_BURST, ContextLimits.DEFAULT_HEAP_PER_SECOND));

    InstrumentingLoader(String packageName, ClassTransformer transformer) {
        super("instrumenting:" + packageName, InstrumentingLoader.class.getClassLoader());
        this.packagePrefix = packageName + ".";
        this.transformer = transformer;
    }

    @Override
    public Signals signals() { return signals; }

    static byte[] original(String className) {
        try (InputStream in = InstrumentingLoader.class.getClassLoader().getResourceAsStream(className.replace('.', '/') + ".class")) {
            if (in == null) throw new IllegalArgumentException("no class file for " + className);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(packagePrefix)) return super.loadClass(name, resolve);
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] bytes = transformer.transform(name, original(name));
                c = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) resolveClass(c);
            return c;
        }
    }
}
