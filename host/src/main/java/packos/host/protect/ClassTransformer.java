package packos.host.protect;

/** Rewrites a program class as it is defined (for instance to add preemption points). */
@FunctionalInterface
public interface ClassTransformer {
    ClassTransformer NONE = (name, bytes) -> bytes;

    byte[] transform(String className, byte[] bytes);
}
