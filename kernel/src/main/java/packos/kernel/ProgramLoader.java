package packos.kernel;

import java.util.List;

/**
 * Turns a program name into something a context can run. The host supplies it: it loads each
 * process's classes in a class loader of their own (and later verifies them). The kernel only
 * calls it when the scheduler creates a context.
 */
@FunctionalInterface
public interface ProgramLoader {
    ContextEntry load(String program, String processName, List<String> args) throws ProgramLoadException;

    /**
     * Loads a program for a context whose kernel signals are {@code signals}: a loader that
     * instruments programs plants them in each class. The plain form ignores them.
     */
    default ContextEntry load(String program, String processName, List<String> args, Signals signals) throws ProgramLoadException {
        return load(program, processName, args);
    }

    final class ProgramLoadException extends Exception {
        public ProgramLoadException(String message, Throwable cause) { super(message, cause); }
    }
}
