package packos.bench.outside;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import packos.host.linux.HostCommand;

/**
 * A Linux network namespace made for one measurement and deleted after it: the Linux host at the
 * other end of a TAP device, holding only the measurement's address and route. Deleting it deletes
 * a device moved into it, so nothing is left behind.
 */
final class Namespace implements AutoCloseable {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final String name;

    private Namespace(String name) {
        this.name = name;
    }

    /** A fresh namespace with its loopback up; the name holds this JVM's pid, so parallel runs never meet. */
    static Namespace create(String purpose) throws IOException, InterruptedException {
        var name = "pb" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet() + "-" + purpose;
        LinuxCommand.must("ip", "netns", "add", name);
        var ns = new Namespace(name);
        try {
            ns.ip("link", "set", "lo", "up");
        } catch (IOException | InterruptedException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** A TAP device name no other run uses (at most 15 characters, Linux's limit). */
    static String tapName() {
        return "pbt" + (ProcessHandle.current().pid() % 100_000) + "x" + NEXT.incrementAndGet();
    }

    String name() {
        return name;
    }

    /** {@code ip -n NAME args...}, which must succeed; what it printed. */
    String ip(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(args));
        return LinuxCommand.must(command.toArray(String[]::new));
    }

    /** {@code command} prefixed to run inside this namespace. */
    List<String> inside(List<String> command) {
        var full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    /**
     * Moves {@code device} in here once it exists (a child JVM may still be opening it), brings it
     * up and gives it {@code address} without duplicate address detection, so it is usable at once.
     */
    void adopt(String device, String address, Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (HostCommand.run(Duration.ofSeconds(10), List.of("ip", "link", "show", "dev", device)).status() != 0) {
            if (System.nanoTime() > deadline) throw new IOException("TAP device " + device + " never appeared");
            Thread.sleep(50);
        }
        LinuxCommand.must("ip", "link", "set", "dev", device, "netns", name);
        ip("link", "set", "dev", device, "up");
        ip("-6", "addr", "add", address, "dev", device, "nodad");
    }

    /** A counter of {@code device} from its statistics (rx_packets, tx_dropped, ...). */
    long statistic(String device, String counter) throws IOException, InterruptedException {
        var out = LinuxCommand.must(inside(List.of("cat", "/sys/class/net/" + device + "/statistics/" + counter))
                .toArray(String[]::new));
        try {
            return Long.parseLong(out.strip());
        } catch (NumberFormatException e) {
            throw new IOException(device + " " + counter + ": not a count: " + out.strip());
        }
    }

    @Override
    public void close() {
        var deleted = HostCommand.run(Duration.ofSeconds(30), List.of("ip", "netns", "del", name));
        if (!deleted.ok()) {
            System.err.println("packos bench: could not delete network namespace " + name + ": " + (deleted.out() + deleted.err()).strip());
        }
    }
}
