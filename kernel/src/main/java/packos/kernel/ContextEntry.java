package packos.kernel;

/** What a context runs. It returns (or throws) when the context ends. */
@FunctionalInterface
public interface ContextEntry {
    void run(Syscalls sys) throws Exception;
}
