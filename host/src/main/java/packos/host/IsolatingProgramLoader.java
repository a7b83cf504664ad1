package packos.host;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import packos.host.config.MountLine;
import packos.lib.fs.Mount;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import packos.host.protect.ClassTransformer;
import packos.host.protect.ProgramRefusedException;
import packos.host.protect.ProgramVerifier;
import packos.host.protect.ReservedNames;
import packos.kernel.ContextEntry;
import packos.kernel.ContextLimits;
import packos.kernel.KernelConfig;
import packos.kernel.Signals;
import packos.kernel.ProgramLoader;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.fs.CodeTree;

/**
 * Loads each process's program in a class loader of its own and runs it as a {@link Program}.
 * Every program is verified first, and its loader defines only the classes the verifier checked.
 */
public final class IsolatingProgramLoader implements ProgramLoader {
    private final ClassLoader parent;
    private final ProgramVerifier verifier;
    private final ProgramClasses classes;
    private final CodeTree tree;
    private final Map<String, List<MountLine>> mounts;
    /**
     * The classes the verifier checked, by program. The class files it read are the same for the
     * whole run (they are read once and kept, see {@link ProgramClasses}), so a restarted process,
     * often one of thousands of lives under fault injection, is not verified again.
     */
    private final ConcurrentHashMap<String, Set<String>> verified = new ConcurrentHashMap<>();

    /**
     * @param code where program classes come from
     * @param tree the image's code tree, read once at boot; every process reads the same immutable tree
     */
    public IsolatingProgramLoader(ProgramCode code, ProgramVerifier verifier, ClassTransformer transformer, CodeTree tree) {
        this(code, verifier, transformer, tree, Map.of());
    }

    /**
     * @param mounts each process's {@code mount=} lines, by process name; a process not named (a
     *               spawned child among them) has the code tree at its root
     */
    public IsolatingProgramLoader(ProgramCode code, ProgramVerifier verifier, ClassTransformer transformer, CodeTree tree,
                                  Map<String, List<MountLine>> mounts) {
        // Shared classes (the JDK, kernel, library, machine) come from the host's own loader.
        this.parent = IsolatingProgramLoader.class.getClassLoader();
        this.verifier = verifier;
        this.classes = new ProgramClasses(code, transformer);
        this.tree = tree;
        this.mounts = Map.copyOf(mounts);
    }

    @Override
    public ContextEntry load(String program, String processName, List<String> args) throws ProgramLoadException {
        return load(program, processName, args, new Signals(ContextLimits.of(KernelConfig.defaults())));
    }

    @Override
    public ContextEntry load(String program, String processName, List<String> args, Signals signals) throws ProgramLoadException {
        if (ReservedNames.isShared(program) || ReservedNames.isHost(program)) {
            throw new ProgramLoadException(program + " is in a shared package (kernel, library or JDK) or the host's, not a program", null);
        }
        Set<String> checked = verified.get(program);
        if (checked == null) {
            try {
                checked = verifier.verify(program, classes::original);
            } catch (ProgramRefusedException e) {
                throw new ProgramLoadException("refused " + program + ": " + e.getMessage(), e);
            }
            verified.put(program, checked);
        }
        var loader = new ProcessClassLoader(processName, parent, classes, checked, signals);
        Class<?> type;
        try {
            type = Class.forName(program, false, loader);
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
        var mountLines = mounts.getOrDefault(processName, List.of());
        return sys -> {
            // JDK code that finds classes through the thread's context loader (ServiceLoader.load)
            // sees this process's loader, which defines only verified classes and publishes no
            // resource of the program, rather than whatever loader started the context.
            Thread.currentThread().setContextClassLoader(loader);
            Program p;
            try {
                p = (Program) constructor.newInstance();
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
            }
            var namespace = new ArrayList<Mount>();
            for (var line : mountLines) namespace.add(line.toMount());
            var process = new Process(sys, arguments, tree, namespace);
            try {
                p.main(process);
                process.finish();
            } finally {
                // Host directories granted to this life close their files however the life ends.
                for (var m : namespace) {
                    if (m.source() instanceof packos.lib.fs.MountSource.Granted g && g.system() instanceof AutoCloseable c) c.close();
                }
            }
        };
    }
}
