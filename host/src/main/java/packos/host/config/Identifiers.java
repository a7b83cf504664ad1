package packos.host.config;

import java.util.List;
import java.util.Set;
import packos.machine.Console;
import java.util.regex.Pattern;

/** The shapes of the names a boot config uses. */
final class Identifiers {
    /** Process (and image) names end up in console prefixes, log files and host names: keep them plain. */
    static final String NAME_SYNTAX = "[a-z0-9][a-z0-9._-]{0,63}";
    private static final Pattern NAME = Pattern.compile(NAME_SYNTAX);
    /**
     * Names whose console lines are not a process's: the kernel's and the scheduler's (it reports
     * everyone's faults). The kernel refuses them too (its ContextName). The sources of the
     * machine's wires are refused at boot, when the machine has them ({@code Boot}).
     */
    static final List<String> RESERVED_NAMES = List.of(Console.SYSTEM, "scheduler");

    private static final Set<String> JAVA_RESERVED = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "_", "true", "false", "null");

    private Identifiers() {}

    static boolean isName(String s) { return NAME.matcher(s).matches(); }

    /** A binary name as ClassLoader.loadClass takes it: dotted Java identifiers, '$' for nested classes. */
    static boolean isBinaryClassName(String s) {
        if (s.isEmpty()) return false;
        for (String part : s.split("\\.", -1)) {
            if (part.isEmpty() || JAVA_RESERVED.contains(part)) return false;
            if (!Character.isJavaIdentifierStart(part.codePointAt(0))) return false;
            if (!part.codePoints().allMatch(Character::isJavaIdentifierPart)) return false;
            // isJavaIdentifierPart admits control characters that no class file name should carry.
            if (part.codePoints().anyMatch(Character::isIdentifierIgnorable)) return false;
        }
        return true;
    }
}
