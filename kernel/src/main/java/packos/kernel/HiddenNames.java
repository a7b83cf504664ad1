package packos.kernel;

/**
 * Names the JVM makes up differently in every run. The name of a hidden class (a lambda's, a method reference's) ends in a suffix the JVM makes
 * from where it put the class ({@code Main$$Lambda/0x000000002d102800}), different from one JVM
 * run to the next: in every name and text of one, the suffix becomes the process's number for
 * the class, written the same way. And the JVM's error messages describe a class loader by its
 * name and identity hash ({@code loader 'process:web' @6b14d5cd}, in every ClassCastException
 * between a program's classes): the hash goes.
 */
final class HiddenNames {
    private static final java.util.regex.Pattern LOADER_ID = java.util.regex.Pattern.compile("(loader (?:'[^']*'|[\\w.$]+)) @[0-9a-f]+");

    private HiddenNames() {}

    /** {@code text} without the identity hashes the JVM writes after class loaders' names. */
    static String withoutLoaderIds(String text) {
        if (text == null || !text.contains(" @")) return text;
        return LOADER_ID.matcher(text).replaceAll("$1");
    }

    static String of(Identities ids, Class<?> type, String text) {
        Class<?> c = type;
        while (c.isArray()) c = c.getComponentType();
        if (text == null || !c.isHidden()) return text;
        String name = c.getName();
        int slash = name.lastIndexOf('/');
        if (slash < 0) return text;
        String suffix = name.substring(slash + 1);
        String number = Integer.toHexString(ids.identityOf(c));
        return text.replace(suffix, "0x" + "0".repeat(Math.max(0, 16 - number.length())) + number);
    }
}
