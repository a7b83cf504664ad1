package packos.lib;

import java.util.List;
import packos.kernel.Address;
import packos.kernel.Syscalls;
import packos.lib.fs.CodeFileSystem;
import packos.lib.fs.CodeTree;
import packos.lib.fs.FileSystem;
import packos.lib.fs.MemoryFileSystem;
import packos.lib.fs.Mount;
import packos.lib.fs.MountSource;
import packos.lib.fs.Namespace;
import packos.lib.fs.dumbfs.DumbFsClient;
import packos.lib.net.Network;
import packos.lib.timer.Timers;

/**
 * A running process as its program sees it: its kernel calls, its arguments, and the state the
 * library keeps for it (network stack, timers, files). Everything here belongs to this process
 * alone, except the image's code tree, which is immutable; the library keeps no state in statics.
 */
public final class Process {
    private final Syscalls sys;
    private final List<String> args;
    private final Network network;
    private final Timers timers;
    private final CodeTree tree;
    private final Namespace files = new Namespace();

    /** A process whose image carries no code tree: its files are an empty root. */
    public Process(Syscalls sys, List<String> args) { this(sys, args, CodeTree.empty()); }

    /** A process of an image that carries {@code tree}, which it reads through {@link #files()}. */
    public Process(Syscalls sys, List<String> args, CodeTree tree) { this(sys, args, tree, List.of()); }

    /**
     * A process whose namespace holds {@code mounts} (its boot config's {@code mount=} keys); with
     * none, the image's code tree is its root, as every process had before namespaces.
     */
    public Process(Syscalls sys, List<String> args, CodeTree tree, List<Mount> mounts) {
        this.sys = sys;
        this.args = List.copyOf(args);
        this.network = new Network(sys);
        this.timers = new Timers(network);
        this.tree = tree;
        if (mounts.isEmpty()) files.mount("/", new CodeFileSystem(tree));
        for (var m : mounts) mount(m.path(), m.source());
    }

    public Syscalls sys() { return sys; }

    public String name() { return sys.name(); }

    public List<String> args() { return args; }

    /** The argument at {@code index}, or {@code fallback} when there are fewer arguments. */
    public String arg(int index, String fallback) { return index < args.size() ? args.get(index) : fallback; }

    public Address address() { return sys.address(); }

    public Network net() { return network; }

    public Timers timers() { return timers; }

    /**
     * This process's namespace: by default the image's code tree, read-only, at "/". An image with
     * no tree gives an empty root: listing "/" gives nothing and every name is DOES_NOT_EXIST, with
     * a message saying the image has no tree. Mounts from the boot config, or made by
     * {@link #mount}, add file systems at paths of their own.
     */
    public Namespace files() { return files; }

    /** Mounts {@code source} at {@code path} in this process's namespace and returns the file system mounted. */
    public FileSystem mount(String path, MountSource source) {
        FileSystem system = switch (source) {
            case MountSource.Code _ -> new CodeFileSystem(tree);
            case MountSource.Memory _ -> new MemoryFileSystem(name() + ":" + path, MemoryFileSystem.DEFAULT_MAX_BYTES,
                    MemoryFileSystem.DEFAULT_MAX_ENTRIES, () -> sys.now() / 1_000_000_000L);
            case MountSource.Granted g -> g.system();
            case MountSource.Devices _ -> new packos.lib.fs.DeviceFileSystem();
            case MountSource.NineP n -> new packos.lib.ninep.NinePClient(this, n.server(), n.port(), n.aname(), n.msize());
            case MountSource.DumbFs d -> new DumbFsClient(this, d.server(), d.port(), (int) sys.random());
        };
        files.mount(path, system);
        return system;
    }

    /** Machine time in nanoseconds since boot. */
    public long now() { return sys.now(); }

    public void print(String line) { sys.print(line); }

    public void yield() { sys.yield(); }

    /** How long TCP may keep delivering after the program returns. */
    public static final long LINGER_NANOS = 30_000_000_000L;

    /**
     * Called by the loader when {@code main} returns: sockets the program left open are closed
     * and TCP delivers what was written, as an operating system does after a process exits.
     */
    public void finish() { network.finish(LINGER_NANOS); }
}
