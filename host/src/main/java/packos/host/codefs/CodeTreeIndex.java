package packos.host.codefs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The list of files in a built-in tree, committed beside it as {@code packos/codefs/NAME.index}:
 * a class loader can open a resource by name but cannot list a directory of them (not in a jar,
 * not portably in a classes directory), so the list travels with the resources. One line per
 * file, its size in bytes, a space, its path from the tree's root, sorted by path; '#' lines are
 * comments. The sizes let the loader check the limits before reading and catch a stale index.
 */
record CodeTreeIndex(List<Entry> entries) {
    /** One file of the tree. */
    record Entry(String path, long size) {}

    private static final Pattern LINE = Pattern.compile("([0-9]{1,19}) (.+)");

    /** The first lines of a rendered index. */
    static final String HEADER = """
            # The files of this code tree: SIZE PATH, sorted by path (a class loader cannot list
            # resources, so the list is committed). Regenerate it after changing the tree, from the
            # tree's directory:
            #   find . -type f -printf '%s %P\\n' | LC_ALL=C sort -k2
            """;

    CodeTreeIndex {
        entries = entries.stream().sorted(Comparator.comparing(Entry::path)).toList();
    }

    /** @throws CodeTreeException naming the line that is not {@code SIZE PATH} */
    static CodeTreeIndex parse(String source, String text) throws CodeTreeException {
        var entries = new ArrayList<Entry>();
        var lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) continue;
            var m = LINE.matcher(line);
            if (!m.matches()) {
                throw new CodeTreeException(source + " line " + (i + 1) + ": '" + line + "' is not an index line (expected SIZE PATH)");
            }
            // Nineteen digits can still be more than a long holds: that too is a bad line, not a crash.
            long size;
            try {
                size = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new CodeTreeException(source + " line " + (i + 1) + ": size " + m.group(1) + " is larger than any file (at most "
                        + Long.MAX_VALUE + ")");
            }
            entries.add(new Entry(m.group(2), size));
        }
        return new CodeTreeIndex(entries);
    }

    /** The index of the files of a host directory, as the committed index should read. */
    static CodeTreeIndex of(List<HostDirectory.Item> items) {
        return new CodeTreeIndex(items.stream().filter(i -> !i.directory()).map(i -> new Entry(i.path(), i.size())).toList());
    }

    String render() {
        var out = new StringBuilder(HEADER);
        for (var e : entries) out.append(e.size()).append(' ').append(e.path()).append('\n');
        return out.toString();
    }
}
