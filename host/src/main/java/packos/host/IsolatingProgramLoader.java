package packos.host;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import packos.kernel.ContextEntry;
import packos.kernel.ProgramLoader;
import packos.lib.Process;
import packos.lib.Program;

/** Loads each process's program in a class loader of its own and runs it as a {@link Program}. */
public final class IsolatingProgramLoader implements ProgramLoader {
    private final ClassLoader source;

    public IsolatingProgramLoader(ClassLoader source) { this.source = source; }

    @Override
    public ContextEntry load(String program, String processName, List<String> args) throws ProgramLoadException {
        if (ProcessClassLoader.isShared(program)) {
            throw new ProgramLoadException(program + " is in a shared package (kernel, library or JDK), not a program", null);
        }
        Class<?> type;
        try {
            type = Class.forName(program, false, new ProcessClassLoader(processName, source));
        } catch (ClassNotFoundException e) {
            throw new ProgramLoadException("no program class " + program + " on the class path", e);
        } catch (LinkageError e) {
            throw new ProgramLoadException("program class " + program + " cannot be loaded: " + e, e);
        }
        if (!Program.class.isAssignableFrom(type)) {
            throw new ProgramLoadException(program + " does not implement " + Program.class.getName(), null);
        }
        java.lang.reflect.Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new ProgramLoadException(program + " has no public no-argument constructor", e);
        }
        var arguments = List.copyOf(args);
        return sys -> {
            Program p;
            try {
                p = (Program) constructor.newInstance();
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
            }
            p.main(new Process(sys, arguments));
        };
    }
}
