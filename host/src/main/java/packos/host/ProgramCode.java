package packos.host;

import java.io.IOException;
import java.io.InputStream;
import packos.host.protect.ClassSource;
import packos.host.protect.ReservedNames;
import packos.host.protect.verify.ClassFiles;

/**
 * Where the class files of programs come from: PackOS's own programs (the system and samples
 * modules) on the host's class path, and programs from outside, given with {@code --programs},
 * which are read into memory and never put on the JVM's class path. That is what keeps a
 * program's jar out of every JDK path that finds code by class loader (service providers,
 * resource bundles, the system class loader): the only way its classes run is through its
 * process's loader, which defines nothing the verifier has not checked.
 *
 * <p>A name reserved for PackOS (the JDK's, the kernel's, the library's, the machine's, the
 * host's, and every other {@code packos.} name) never comes from outside: {@link OutsidePrograms}
 * refuses a jar that holds one before anything boots.
 */
public final class ProgramCode implements ClassSource {
    private final ClassLoader builtIn;
    private final ClassFiles outside;

    private ProgramCode(ClassLoader builtIn, ClassFiles outside) {
        this.builtIn = builtIn;
        this.outside = outside;
    }

    /** PackOS's own programs only. */
    public static ProgramCode builtIn(ClassLoader builtIn) { return new ProgramCode(builtIn, ClassFiles.none()); }

    /** PackOS's own programs and the checked programs from outside. */
    public static ProgramCode with(ClassLoader builtIn, OutsidePrograms outside) { return with(builtIn, outside.files()); }

    /** PackOS's own programs and class files from outside, whether or not they were checked whole. */
    static ProgramCode with(ClassLoader builtIn, ClassFiles outside) { return new ProgramCode(builtIn, outside); }

    /** The class path PackOS's own programs, images and code trees are read from. */
    public ClassLoader builtInLoader() { return builtIn; }

    /** The class file of a program class, or null: never a shared or host class. */
    @Override
    public byte[] bytes(String name) {
        if (ReservedNames.isShared(name) || ReservedNames.isHost(name)) return null;
        if (!ReservedNames.isReservedForPackos(name)) {
            byte[] bytes = outside.bytes(name);
            if (bytes != null) return bytes;
        }
        try (InputStream in = builtIn.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
