package packos.host.linux;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Linux network namespace a test makes for itself and removes afterwards: the Linux host on the
 * other end of a PackOS card's TAP device. The device is created by PackOS (its wire opens it) in
 * the test's own namespace, then moved in here, where only the test's addresses and routes exist;
 * the file descriptor PackOS holds keeps working across the move. Deleting the namespace deletes
 * the device with it, so nothing is left behind even if PackOS still runs.
 */
public final class NetworkNamespace implements AutoCloseable {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final String name;

    private NetworkNamespace(String name) { this.name = name; }

    /**
     * Skips the calling test, saying why, unless this is root with every tool named: the tests that
     * reach PackOS from Linux need a TAP device and a namespace, which only root can make.
     */
    public static void assumeRootWith(String... tools) {
        assumeTrue(HostCommand.isRoot(), "needs root to create a TAP device and a network namespace (CI runs as root)");
        var missing = Arrays.stream(tools).filter(t -> !HostCommand.has(t)).toList();
        assumeTrue(missing.isEmpty(), () -> "needs " + String.join(", ", missing) + " on the PATH (.ci/run installs them)");
    }

    /** A fresh namespace with its loopback up; the name holds this JVM's pid, so parallel runs never meet. */
    public static NetworkNamespace create(String purpose) {
        var name = "pk" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet() + "-" + purpose;
        if (name.length() > 40) name = name.substring(0, 40);
        HostCommand.run("ip", "netns", "add", name).orThrow();
        var ns = new NetworkNamespace(name);
        ns.ip("link", "set", "lo", "up");
        return ns;
    }

    /** A name for a TAP device no other test uses (at most 15 characters, Linux's limit). */
    public static String tapName() {
        return "pkt" + (ProcessHandle.current().pid() % 100_000) + "x" + NEXT.incrementAndGet();
    }

    public String name() { return name; }

    /** {@code ip -n NAME args...}, which must succeed. */
    public HostCommand.Result ip(String... args) {
        var command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(args));
        return HostCommand.run(Duration.ofSeconds(30), command).orThrow();
    }

    /** {@code tc -n NAME args...}, which must succeed. */
    public HostCommand.Result tc(String... args) {
        var command = new ArrayList<>(List.of("tc", "-n", name));
        command.addAll(List.of(args));
        return HostCommand.run(Duration.ofSeconds(30), command).orThrow();
    }

    /**
     * Whether the kernel has the netem queueing discipline (module sch_netem): some kernels, such
     * as the small ones of micro-VMs, are built without it.
     */
    public boolean hasNetem() {
        var add = HostCommand.run(Duration.ofSeconds(10), List.of("tc", "-n", name, "qdisc", "add", "dev", "lo", "root", "netem", "delay", "0ms"));
        if (add.ok()) HostCommand.run(Duration.ofSeconds(10), List.of("tc", "-n", name, "qdisc", "del", "dev", "lo", "root"));
        return add.ok();
    }

    /** Runs a command inside the namespace, to its end or the limit. */
    public HostCommand.Result exec(Duration limit, String... command) {
        var full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return HostCommand.run(limit, full);
    }

    /** Runs a shell command line inside the namespace (for redirections). */
    public HostCommand.Result sh(Duration limit, String commandLine) {
        return exec(limit, "sh", "-c", commandLine);
    }

    /**
     * Moves {@code device} (in the test's namespace) in here, brings it up and gives it
     * {@code address} (with a prefix length) without duplicate address detection, so it is usable at once.
     */
    public void adopt(String device, String address) {
        var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        // PackOS opens the device while it boots: wait for it to appear.
        while (!HostCommand.run("ip", "link", "show", "dev", device).ok()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("TAP device " + device + " never appeared");
            sleep(50);
        }
        HostCommand.run("ip", "link", "set", "dev", device, "netns", name).orThrow();
        ip("link", "set", "dev", device, "up");
        ip("-6", "addr", "add", address, "dev", device, "nodad");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        HostCommand.run("ip", "netns", "del", name);
    }
}
