package packos.host;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import packos.host.protect.ClassSource;
import packos.host.protect.ClassTransformer;

/**
 * The class files of programs, read once and prepared (instrumented) once for every process
 * that runs them. The bytes a process defines are exactly the bytes the verifier checked:
 * nothing is read again between the check and the load. Instrumented code finds its process's
 * signals through its class loader, so one prepared copy serves every process.
 */
final class ProgramClasses {
    private final ClassSource source;
    private final ClassTransformer transformer;
    private final ConcurrentHashMap<String, Optional<byte[]>> original = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, byte[]> prepared = new ConcurrentHashMap<>();

    ProgramClasses(ClassSource source, ClassTransformer transformer) {
        this.source = source;
        this.transformer = transformer;
    }

    /** The class file as the source holds it, or null. The caller must not change it. */
    byte[] original(String name) {
        return original.computeIfAbsent(name, n -> Optional.ofNullable(source.bytes(n))).orElse(null);
    }

    /** The class file to define: the original, transformed. Null if there is none. */
    byte[] prepared(String name) {
        byte[] cached = prepared.get(name);
        if (cached != null) return cached;
        byte[] bytes = original(name);
        if (bytes == null) return null;
        return prepared.computeIfAbsent(name, n -> transformer.transform(n, bytes.clone()));
    }
}
