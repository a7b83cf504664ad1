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
 * hides one of the same name further on, as on a class path.
 */
public final class ClassFiles implements ClassSource {
    private final Map<String, byte[]> classes;

    private ClassFiles(Map<String, byte[]> classes) { this.classes = classes; }

    /** No class files at all. */
    public static ClassFiles none() { return new ClassFiles(Map.of()); }

    /** Reads every class file under {@code paths}; throws with a message fit for the user if a path cannot be read. */
    public static ClassFiles read(List<Path> paths) throws IOException {
        var classes = new LinkedHashMap<String, byte[]>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) readDirectory(path, classes);
            else if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".class")) readClassFile(path, classes);
            else if (Files.isRegularFile(path)) readJar(path, classes);
            else if (!Files.exists(path)) throw new IOException(path + ": no such file or directory");
            else throw new IOException(path + ": not a directory, jar or class file");
        }
        return new ClassFiles(classes);
    }

    /** Binary names of every class found, in the order found. */
    public List<String> names() { return List.copyOf(classes.keySet()); }

    public boolean contains(String name) { return classes.containsKey(name); }

    @Override
    public byte[] bytes(String className) { return classes.get(className); }

    private static void readDirectory(Path dir, Map<String, byte[]> out) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".class") && Files.isRegularFile(f)).sorted().toList()) {
                String relative = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (relative.startsWith("META-INF/") || isModuleInfo(relative)) continue;
                byte[] bytes = Files.readAllBytes(file);
                out.putIfAbsent(nameInDirectory(relative, bytes), bytes);
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
    private static String nameInDirectory(String relative, byte[] bytes) {
        String byPath = relative.substring(0, relative.length() - ".class".length());
        try {
            String declared = ClassFile.of().parse(bytes).thisClass().asInternalName();
            if (declared.endsWith("/" + byPath)) return Names.binary(declared);
        } catch (IllegalArgumentException e) {
            // Not a class file: the verifier says so under the path's name.
        }
        return Names.binary(byPath);
    }

    private static void readClassFile(Path file, Map<String, byte[]> out) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String name;
        try {
            name = Names.binary(ClassFile.of().parse(bytes).thisClass().asInternalName());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a class file (" + e.getMessage() + ")", e);
        }
        out.putIfAbsent(name, bytes);
    }

    private static void readJar(Path file, Map<String, byte[]> out) throws IOException {
        try (var jar = new JarFile(file.toFile(), true, ZipFile.OPEN_READ, Runtime.version())) {
            for (var entry : jar.versionedStream().toList()) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".class") || name.startsWith("META-INF/") || isModuleInfo(name)) continue;
                try (var in = jar.getInputStream(entry)) {
                    out.putIfAbsent(name.substring(0, name.length() - ".class".length()).replace('/', '.'), in.readAllBytes());
                }
            }
        } catch (ZipException e) {
            throw new IOException(file + ": not a jar (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isModuleInfo(String path) { return path.equals("module-info.class") || path.endsWith("/module-info.class"); }
}
