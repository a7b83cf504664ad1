package packos.bench.outside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import packos.host.linux.HostCommand;

/** The two rules the outside-world rows add to {@link HostCommand}: commands that must succeed, and whether the rows can run here. */
final class LinuxCommand {
    private LinuxCommand() {}

    /** Runs {@code command}, which must succeed within 30 s; what it printed on standard output. */
    static String must(String... command) throws IOException {
        var result = HostCommand.run(Duration.ofSeconds(30), List.of(command));
        if (!result.ok()) {
            throw new IOException(String.join(" ", command) + " failed (" + result.status() + "): " + (result.out() + result.err()).strip());
        }
        return result.out();
    }

    /**
     * Why the outside-world rows cannot run here, or null if they can: they make TAP devices and
     * network namespaces, which needs root, and drive them with {@code tools}.
     */
    static String missing(String... tools) {
        for (var tool : tools) {
            if (!HostCommand.has(tool)) return tool + " is not on the PATH";
        }
        if (!HostCommand.isRoot()) return "not root (a TAP device and a network namespace need root)";
        if (!Files.exists(Path.of("/dev/net/tun"))) return "no /dev/net/tun (modprobe tun)";
        return null;
    }
}
