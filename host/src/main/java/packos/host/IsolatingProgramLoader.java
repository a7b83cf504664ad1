package packos.host;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import packos.host.protect.ClassTransformer;
import packos.host.protect.ProgramRefusedException;
import packos.host.protect.ProgramVerifier;
import packos.kernel.ContextEntry;
import packos.kernel.ContextLimits;
import packos.kernel.KernelConfig;
import packos.kernel.Signals;
import packos.kernel.ProgramLoader;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.fs.CodeTree;

/** Loads each process's program in a class loader of its own and runs it as a {@link Program}. */
public final class IsolatingProgramLoader implements ProgramLoader {
    private final ClassLoader source;
    private final ProgramVerifier verifier;
    private final ProgramClasses classes;
    private final CodeTree tree;
    /**
     * Programs the verifier passed. The class files it read are the same for the whole run (they
     * are read once and kept, see {@link ProgramClasses}), so a restarted process, often one of
     * thousands of lives under fault injection, is not verified again.
     */
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    public IsolatingProgramLoader(ClassLoader source) { this(source, ProgramVerifier.NONE, ClassTransformer.NONE); }

    public IsolatingProgramLoader(ClassLoader source, ProgramVerifier verifier, ClassTransformer transformer) {
        this(source, verifier, transformer, CodeTree.empty());
    }

    /** @param tree the image's code tree, read once at boot; every process reads the same immutable tree */
    public IsolatingProgramLoader(ClassLoader source, ProgramVerifier verifier, ClassTransformer transformer, CodeTree tree) {
        this.source = source;
        this.verifier = verifier;
        this.classes = new ProgramClasses(source, transformer);
        this.tree = tree;
    }

    @Override
    public ContextEntry load(String program, String processName, List<String> args) throws ProgramLoadException {
        return load(program, processName, args, new Signals(ContextLimits.of(KernelConfig.defaults())));
    }

    @Override
    public ContextEntry load(String program, String processName, List<String> args, Signals signals) throws ProgramLoadException {
        if (ProcessClassLoader.isShared(program)) {
            throw new ProgramLoadException(program + " is in a shared package (kernel, library or JDK), not a program", null);
        }
        var loader = new ProcessClassLoader(processName, source, classes, signals);
        if (!verified.contains(program)) {
            try {
                verifier.verify(program, name -> ProcessClassLoader.isShared(name) ? null : classes.original(name));
            } catch (ProgramRefusedException e) {
                throw new ProgramLoadException("refused " + program + ": " + e.getMessage(), e);
            }
            verified.add(program);
        }
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
        return sys -> {
            Program p;
            try {
                p = (Program) constructor.newInstance();
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
            }
            var process = new Process(sys, arguments, tree);
            p.main(process);
            process.finish();
        };
    }
}
