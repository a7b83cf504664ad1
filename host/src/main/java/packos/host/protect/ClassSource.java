package packos.host.protect;

/** Where a program's class files come from: the bytes of a class by binary name, or null. */
@FunctionalInterface
public interface ClassSource {
    byte[] bytes(String className);
}
