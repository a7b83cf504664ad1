package packos.kernel;

import java.util.regex.Pattern;
import packos.machine.Console;

/**
 * What a context may be called. Its name is the prefix of every line it prints, so the kernel,
 * not the scheduler that picks it, makes sure the prefix says who printed: plain lower-case
 * letters, digits, '.', '_' and '-' (no character a terminal would act on or show as something
 * else), and never {@link Console#SYSTEM}, the kernel's own source, or the scheduler's name, whose
 * lines report everyone's faults. A boot config's names are at most 64 characters; the longer
 * bound leaves room for a spawned child's PARENT.N. (The host's sources, such as a wire's, are the
 * host's to keep apart: it refuses a boot config naming a process after one its machine uses.)
 */
final class ContextName {
    static final String SYNTAX = "[a-z0-9][a-z0-9._-]{0,99}";
    private static final Pattern NAME = Pattern.compile(SYNTAX);
    static final String SCHEDULER = "scheduler";

    private ContextName() {}

    /** Refuses a name that would let the context's lines pass for another source's. */
    static void check(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new KernelException(ErrorCode.INVALID_ARGUMENT, "a context name must match " + SYNTAX + ", not "
                    + (name == null ? "null" : "'" + packos.machine.ConsoleText.escape(name) + "'"));
        }
        if (name.equals(SCHEDULER) || name.equals(Console.SYSTEM)) {
            throw new KernelException(ErrorCode.INVALID_ARGUMENT, "a context may not be named '" + name
                    + "': the console's lines from " + name + " are not a process's");
        }
    }
}
