package packos.lib.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * A process's own view of files: file systems mounted at paths, as Plan 9 gives each process a
 * namespace of its own. A path goes to the mount with the longest matching prefix, which sees the
 * rest of the path; the directories above mount points exist by themselves (listing one shows the
 * mounts under it). A rename between two mounts is CROSS_FILESYSTEM_MOVE, as the original named it.
 * Nothing is shared with other processes but what the mounted file systems share themselves.
 */
public final class Namespace implements FileSystem {
    /** Most mounts one process may have. */
    public static final int MAX_MOUNTS = 64;

    /** Mount points in canonical form ("/", "/data"), in order. */
    private final TreeMap<String, FileSystem> mounts = new TreeMap<>();

    /**
     * Mounts {@code system} at {@code path}, replacing nothing: a path already mounted is
     * RESOURCE_IN_USE (unmount it first).
     */
    public Namespace mount(String path, FileSystem system) {
        if (system == null) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "no file system to mount at " + FilePath.shown(path));
        var p = FilePath.parse(path).toString();
        if (mounts.containsKey(p)) throw new KernelException(ErrorCode.RESOURCE_IN_USE, () -> p + " is already a mount point, of " + mounts.get(p).describe());
        if (mounts.size() >= MAX_MOUNTS) throw new KernelException(ErrorCode.RESOURCE_IN_USE, "a namespace holds at most " + MAX_MOUNTS + " mounts");
        mounts.put(p, system);
        return this;
    }

    /** Takes the mount at {@code path} away and returns it (the caller may close it). */
    public FileSystem unmount(String path) {
        var p = FilePath.parse(path).toString();
        var removed = mounts.remove(p);
        if (removed == null) throw new KernelException(ErrorCode.DOES_NOT_EXIST, () -> "nothing is mounted at " + p);
        return removed;
    }

    /** The mounts, by mount point. */
    public Map<String, FileSystem> mounts() { return java.util.Collections.unmodifiableSortedMap(mounts); }

    @Override
    public String describe() { return "namespace " + mounts.keySet(); }

    @Override
    public OpenFile open(String path, OpenMode mode) {
        var at = route(path);
        return at.system.open(at.rest, mode);
    }

    @Override
    public FileStat stat(String path) {
        var p = FilePath.parse(path);
        if (isAboveMounts(p)) return new FileStat(p.lastName(), true, 0, 0);
        var at = route(path);
        var stat = at.system.stat(at.rest);
        return at.rest.equals("/") ? new FileStat(p.lastName(), stat.isDirectory(), stat.size(), stat.modified()) : stat;
    }

    @Override
    public List<DirectoryEntry> list(String directory) {
        var p = FilePath.parse(directory);
        var names = new TreeMap<String, DirectoryEntry>();
        boolean above = isAboveMounts(p);
        if (!above || covered(p) != null) {
            var at = route(directory);
            try {
                for (var e : at.system.list(at.rest)) names.put(e.name(), e);
            } catch (KernelException e) {
                // A directory that holds a mount point exists by itself, whatever the mount below it has.
                if (!above || e.code() != ErrorCode.DOES_NOT_EXIST) throw e;
            }
        }
        for (var child : mountChildren(p)) names.put(child, new DirectoryEntry(child, true, 0));
        return List.copyOf(names.values());
    }

    @Override
    public void mkdir(String path) {
        var p = FilePath.parse(path);
        if (mounts.containsKey(p.toString()) || isAboveMounts(p)) throw FileErrors.exists(p.toString());
        var at = route(path);
        at.system.mkdir(at.rest);
    }

    @Override
    public void delete(String path) {
        var p = FilePath.parse(path);
        if (mounts.containsKey(p.toString()) || isAboveMounts(p)) {
            throw new KernelException(ErrorCode.RESOURCE_IN_USE, () -> p + " is a mount point or holds one (unmount it first)");
        }
        var at = route(path);
        at.system.delete(at.rest);
    }

    @Override
    public void rename(String from, String to) {
        var a = route(from);
        var b = route(to);
        if (a.system != b.system || !a.mountPoint.equals(b.mountPoint)) {
            throw new KernelException(ErrorCode.CROSS_FILESYSTEM_MOVE, () -> "cannot rename " + FilePath.shown(from) + " to " + FilePath.shown(to)
                    + ": they are on different mounts (" + a.mountPoint + ", " + b.mountPoint + "); copy, then delete");
        }
        if (a.rest.equals("/") || b.rest.equals("/")) throw new KernelException(ErrorCode.RESOURCE_IN_USE, "a mount point cannot be renamed");
        a.system.rename(a.rest, b.rest);
    }

    @Override
    public void truncate(String path, long size) {
        var at = route(path);
        at.system.truncate(at.rest, size);
    }

    @Override
    public void sync() {
        for (var system : mounts.values()) system.sync();
    }

    /** Where a path goes: a mount, its mount point and the path inside it. */
    private record Route(String mountPoint, FileSystem system, String rest) {}

    private Route route(String path) {
        var p = FilePath.parse(path);
        var names = p.names();
        for (int n = names.size(); n >= 0; n--) {
            String point = "/" + String.join("/", names.subList(0, n));
            var system = mounts.get(point);
            if (system != null) {
                String rest = "/" + String.join("/", names.subList(n, names.size())) + (p.directoryExpected() && n < names.size() ? "/" : "");
                return new Route(point, system, rest);
            }
        }
        throw new KernelException(ErrorCode.DOES_NOT_EXIST, () -> "no " + p + ": nothing is mounted there (mounts: " + String.join(", ", mounts.keySet()) + ")");
    }

    /** The mount that covers {@code p}, or null. */
    private FileSystem covered(FilePath p) {
        try {
            return route(p.toString()).system;
        } catch (KernelException e) {
            return null;
        }
    }

    /** Whether a mount point lies strictly below {@code p}. */
    private boolean isAboveMounts(FilePath p) { return !mountChildren(p).isEmpty(); }

    /** The names of the directories right below {@code p} that lead to mount points. */
    private List<String> mountChildren(FilePath p) {
        var below = new TreeSet<String>();
        var names = p.names();
        for (var point : mounts.keySet()) {
            var pointNames = FilePath.parse(point).names();
            if (pointNames.size() > names.size() && pointNames.subList(0, names.size()).equals(names)) below.add(pointNames.get(names.size()));
        }
        return new ArrayList<>(below);
    }
}
