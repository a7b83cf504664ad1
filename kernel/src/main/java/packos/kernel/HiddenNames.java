package packos.kernel;

/**
 * The name of a hidden class (a lambda's, a method reference's) ends in a suffix the JVM makes
 * from where it put the class ({@code Main$$Lambda/0x000000002d102800}), different from one JVM
 * run to the next: in every name and text of one, the suffix becomes the process's number for
 * the class, written the same way.
 */
final class HiddenNames {
    private HiddenNames() {}

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
