package packos.host.protect.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import packos.host.protect.ClassSource;

/**
 * The class files of a program as {@code packos verify} finds them: in class directories, jars
 * (multi-release jars as Java 25 sees them) or single class files. A class the first path holds
 * hides one of the same name further on, as on a class path. A class file whose bytes cannot be
 * had (a jar entry that does not inflate, a file larger than any class file) is kept as a refusal
 * line naming it; bytes that are no class file are kept, and the verifier refuses them.
 */
public final class ClassFiles implements ClassSource {
    /** Far above any class javac writes (each method's code is at most 64 KiB): a bigger file is refused unread. */
    static final int MAX_CLASS_FILE = 64 << 20;

    private final Map<String, byte[]> classes;
    private final Map<String, String> unreadable;

    private ClassFiles(Map<String, byte[]> classes, Map<String, String> unreadable) {
        this.classes = classes;
        this.unreadable = unreadable;
    }

    /** No class files at all. */
    public static ClassFiles none() { return new ClassFiles(Map.of(), Map.of()); }

    /** Reads every class file under {@code paths}; throws with a message fit for the user if a path cannot be read. */
    public static ClassFiles read(List<Path> paths) throws IOException {
        var found = new ClassFiles(new LinkedHashMap<>(), new LinkedHashMap<>());
        for (Path path : paths) {
            if (Files.isDirectory(path)) found.readDirectory(path);
            else if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".class")) found.readClassFile(path);
            else if (Files.isRegularFile(path)) found.readJar(path);
            else if (!Files.exists(path)) throw new IOException(path + ": no such file or directory");
            else throw new IOException(path + ": not a directory, jar or class file");
        }
        return found;
    }

    /** Binary names of every class found whose bytes could be read, in the order found. */
    public List<String> names() { return List.copyOf(classes.keySet()); }

    public boolean contains(String name) { return classes.containsKey(name); }

    /** One refusal line per class whose bytes could not be read, in the verifier's words. */
    public List<String> unreadable() {
        return unreadable.entrySet().stream()
                .map(e -> Names.printable(e.getKey() + ": cannot be read (" + e.getValue() + "): " + Why.MALFORMED.text())).toList();
    }

    @Override
    public byte[] bytes(String className) { return classes.get(className); }

    private void readDirectory(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".class") && Files.isRegularFile(f)).sorted().toList()) {
                String relative = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (relative.startsWith("META-INF/") || isModuleInfo(relative)) continue;
                String byPath = relative.substring(0, relative.length() - ".class".length());
                if (Files.size(file) > MAX_CLASS_FILE) {
                    refuse(Names.binary(byPath), "larger than " + (MAX_CLASS_FILE >> 20) + " MiB");
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                add(nameInDirectory(byPath, bytes), bytes);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The class a file in a directory holds: named by its path, as on a class path; but a directory
     * inside a class root ({@code classes/org/example}) names its classes by what they declare when
     * that fits the path, so that pointing at a package works too.
     */
    private static String nameInDirectory(String byPath, byte[] bytes) {
        String declared = declaredName(bytes);
        if (declared != null && declared.endsWith("/" + byPath)) return Names.binary(declared);
        return Names.binary(byPath);
    }

    /** A class file given by itself is named by what it declares, or by its file name if it cannot be read. */
    private void readClassFile(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String byName = fileName.substring(0, fileName.length() - ".class".length());
        if (Files.size(file) > MAX_CLASS_FILE) {
            refuse(byName, "larger than " + (MAX_CLASS_FILE >> 20) + " MiB");
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        String declared = declaredName(bytes);
        add(declared != null ? Names.binary(declared) : byName, bytes);
    }

    /**
     * The internal name a class file declares, or null if it cannot be read that far. Fails closed
     * like the verifier: whatever the ClassFile API throws on damaged bytes means "no name here", and
     * the verifier refuses those bytes under the path's name.
     */
    private static String declaredName(byte[] bytes) {
        try {
            return ClassFile.of().parse(bytes).thisClass().asInternalName();
        } catch (StackOverflowError e) {
            return null;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return null;
        }
    }

    private void readJar(Path file) throws IOException {
        JarFile jar;
        try {
            jar = new JarFile(file.toFile(), true, ZipFile.OPEN_READ, Runtime.version());
        } catch (ZipException e) {
            throw new IOException(file + ": not a jar (" + e.getMessage() + ")", e);
        }
        try (jar) {
            for (var entry : jar.versionedStream().toList()) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".class") || name.startsWith("META-INF/") || isModuleInfo(name)) continue;
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                // An entry that does not inflate, or inflates past any class file, is that class's refusal, not the whole jar's.
                try (var in = jar.getInputStream(entry)) {
                    byte[] bytes = in.readNBytes(MAX_CLASS_FILE + 1);
                    if (bytes.length > MAX_CLASS_FILE) refuse(className, "jar entry " + name + ": larger than " + (MAX_CLASS_FILE >> 20) + " MiB");
                    else add(className, bytes);
                } catch (IOException e) {
                    refuse(className, "jar entry " + name + ": " + Analyzer.detail(e));
                }
            }
        }
    }

    private void add(String name, byte[] bytes) {
        if (!unreadable.containsKey(name)) classes.putIfAbsent(name, bytes);
    }

    private void refuse(String name, String why) {
        if (!classes.containsKey(name)) unreadable.putIfAbsent(name, why);
    }

    private static boolean isModuleInfo(String path) { return path.equals("module-info.class") || path.endsWith("/module-info.class"); }
}
