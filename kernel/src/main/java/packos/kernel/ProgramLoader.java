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

    final class ProgramLoadException extends Exception {
        public ProgramLoadException(String message, Throwable cause) { super(message, cause); }
    }
}
