package packos.host.dumbfs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import packos.host.files.ConfinedDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code packos dumbfs DIR [--listen ADDR:PORT]}: the original's Linux-side DumbFS server, made
 * safe: it serves only what lies beneath DIR (see {@link ConfinedDirectory}) and survives every
 * request. One thread, one UDP socket; it runs until killed.
 */
@Command(name = "dumbfs", mixinStandardHelpOptions = true,
        description = {"Serve DIR to PackOS processes over DumbFS (UDP), only what lies beneath it: no '..', no absolute path, no symbolic link, no NUL.",
                "Runs until killed; each malformed or refused request is answered with its error and the server goes on."})
public final class DumbFsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the directory to serve")
    Path directory;

    @Option(names = "--listen", paramLabel = "ADDR:PORT", defaultValue = "[::1]:5002",
            description = "where to listen: [IPv6]:PORT or IPv4:PORT (default: ${DEFAULT-VALUE}, loopback only)")
    String listen;

    @Option(names = "--read-only", description = "refuse every change")
    boolean readOnly;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        InetSocketAddress address;
        try {
            address = parse(listen);
        } catch (IllegalArgumentException e) {
            err.println("packos dumbfs: --listen " + listen + ": " + e.getMessage());
            return 2;
        }
        ConfinedDirectory dir;
        try {
            dir = ConfinedDirectory.open(directory, readOnly, ConfinedDirectory.MAX_OPEN_FILES * 16);
        } catch (IOException e) {
            err.println("packos dumbfs: " + directory + " is not a directory we can serve: " + e);
            return 2;
        }
        var server = new DumbFsServer(dir);
        var family = address.getAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        try (var channel = DatagramChannel.open(family)) {
            channel.bind(address);
            out.println("packos dumbfs: serving " + dir.root() + (readOnly ? " read-only" : "") + " on " + format((InetSocketAddress) channel.getLocalAddress()));
            out.flush();
            var buffer = ByteBuffer.allocate(65536);
            while (true) {
                buffer.clear();
                var from = (InetSocketAddress) channel.receive(buffer);
                var reply = server.answer(new DumbFsServer.Client(from.getAddress().getHostAddress(), from.getPort()), buffer.array(), buffer.position());
                if (reply != null) channel.send(ByteBuffer.wrap(reply), from);
            }
        } catch (IOException e) {
            err.println("packos dumbfs: " + e.getMessage());
            return 1;
        }
    }

    static InetSocketAddress parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) throw new IllegalArgumentException("expected [IPv6]:PORT");
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || text.indexOf(':') != colon) throw new IllegalArgumentException("expected [IPv6]:PORT or IPv4:PORT");
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) throw new IllegalArgumentException("port " + port + " is not 0..65535");
        if (!host.matches("[0-9a-fA-F:.]+")) throw new IllegalArgumentException("'" + host + "' is not an IP literal");
        return new InetSocketAddress(host, Integer.parseInt(port));
    }

    private static String format(InetSocketAddress a) {
        var h = a.getAddress().getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }

}
