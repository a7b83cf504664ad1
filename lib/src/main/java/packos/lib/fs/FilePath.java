package packos.lib.fs;

import java.util.ArrayList;
import java.util.List;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * A checked path inside a file tree: '/'-separated names, each one a plain name. Parsing is the
 * whole of the "no path escapes the root" promise: there is no "..", no ".", no empty name and
 * nothing a host might read as a separator or a terminator, so a server can hand a request's path
 * to a file system without a second check. Nothing is decoded (a literal "%2e%2e" is a name).
 *
 * <p>A leading '/' is allowed and means nothing ("a/b" and "/a/b" are the same path). "" and "/"
 * name the root. One trailing '/' is allowed and says the path must name a directory, as in POSIX.
 */
public final class FilePath {
    /** Longest path, in chars, a caller may pass: enough for any real tree, short enough to print. */
    public static final int MAX_LENGTH = 1024;
    /** Longest name: what common host file systems allow, so a host tree always fits. */
    public static final int MAX_NAME_LENGTH = 255;
    /** Paths longer than this are cut short in error messages. */
    private static final int SHOWN_LENGTH = 80;

    private final List<String> names;
    private final boolean directoryExpected;

    private FilePath(List<String> names, boolean directoryExpected) {
        this.names = List.copyOf(names);
        this.directoryExpected = directoryExpected;
    }

    /** @throws KernelException INVALID_ARGUMENT naming the path and what is wrong with it */
    public static FilePath parse(String path) {
        if (path == null) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "the path is null");
        if (path.length() > MAX_LENGTH) {
            throw invalid(path, "it is " + path.length() + " characters long (at most " + MAX_LENGTH + ")");
        }
        String rest = path.startsWith("/") ? path.substring(1) : path;
        if (rest.isEmpty()) return new FilePath(List.of(), true);
        boolean directoryExpected = rest.endsWith("/");
        if (directoryExpected) rest = rest.substring(0, rest.length() - 1);
        var names = new ArrayList<String>();
        for (String name : rest.split("/", -1)) {
            String why = whyNotAName(name);
            if (why != null) throw invalid(path, why);
            names.add(name);
        }
        return new FilePath(names, directoryExpected);
    }

    /** Why {@code name} cannot be one name of a path, or null if it can. */
    public static String whyNotAName(String name) {
        if (name.isEmpty()) return "it has an empty name (two '/' in a row, or more than one at an end)";
        if (name.equals(".")) return "it has a '.' name (expected plain names only)";
        if (name.equals("..")) return "it has a '..' name (no path may leave its directory)";
        if (name.length() > MAX_NAME_LENGTH) {
            return "it has a name " + name.length() + " characters long (at most " + MAX_NAME_LENGTH + ")";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) return "it contains a NUL character";
            if (c == '\\') return "it contains a backslash (the separator is '/')";
            if (Character.isISOControl(c)) return "it contains the control character " + codePoint(c);
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "it contains the unpaired surrogate " + codePoint(c);
            }
        }
        return null;
    }

    /** The names from the root down; empty for the root. */
    public List<String> names() { return names; }

    public boolean isRoot() { return names.isEmpty(); }

    /** Whether the path was written with a trailing '/', so only a directory may answer to it. */
    public boolean directoryExpected() { return directoryExpected; }

    /** The last name, or "/" for the root. */
    public String lastName() { return names.isEmpty() ? "/" : names.getLast(); }

    /** The canonical form: a leading '/', no trailing one. */
    @Override
    public String toString() { return "/" + String.join("/", names); }

    @Override
    public boolean equals(Object o) {
        return o instanceof FilePath p && p.names.equals(names) && p.directoryExpected == directoryExpected;
    }

    @Override
    public int hashCode() { return names.hashCode() * 31 + Boolean.hashCode(directoryExpected); }

    /** A path as an error message shows it: quoted, control characters escaped, long ones cut. */
    static String shown(String path) {
        var out = new StringBuilder("'");
        int end = Math.min(path.length(), SHOWN_LENGTH);
        for (int i = 0; i < end; i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '\'') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\'');
        if (path.length() > end) out.append("... (").append(path.length()).append(" characters)");
        return out.toString();
    }

    private static String codePoint(char c) { return String.format("U+%04X", (int) c); }

    private static KernelException invalid(String path, String why) {
        return new KernelException(ErrorCode.INVALID_ARGUMENT, "path " + shown(path) + " is not valid: " + why);
    }
}
