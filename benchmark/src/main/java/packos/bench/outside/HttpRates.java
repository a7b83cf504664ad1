package packos.bench.outside;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Locale;
import packos.host.linux.HostCommand;
import packos.lib.link.RouterLink;

/**
 * wrk's request rate for one page from three servers, one after another in the same run: PackOS's
 * httpd reached through the user network's host port forward, the same httpd reached through a
 * TAP device from a network namespace, and the JDK's own {@code com.sun.net.httpserver} serving
 * the same bytes on [::1]. Each server gets a discarded warm-up load first (the JIT compiles the
 * server's path during it), then the measured one.
 */
public final class HttpRates {
    /** The default image's front page: 1,913 bytes, served from memory by both servers. */
    public static final String PAGE = "/index.html";
    private static final String PAGE_RESOURCE = "packos/codefs/httpd/index.html";
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    /** Booting, then the driver and router coming up; generous, as the host may be busy. */
    private static final Duration READY = Duration.ofSeconds(90);
    private static final String OUTSIDE_HOST = RouterLink.PEER + "/" + RouterLink.PREFIX.length();
    private static final String KAN = "fd00:7e8e::/64";

    private final Wrk wrk;
    private final PrintStream progress;
    private final byte[] page;

    public HttpRates(Wrk wrk, PrintStream progress) throws IOException {
        this.wrk = wrk;
        this.progress = progress;
        try (var in = HttpRates.class.getClassLoader().getResourceAsStream(PAGE_RESOURCE)) {
            if (in == null) throw new IOException("no resource " + PAGE_RESOURCE + " on the class path (the samples jar)");
            this.page = in.readAllBytes();
        }
    }

    /** Why no HTTP row can be measured here (no wrk, no curl), or null. */
    public static String unavailable() {
        if (!Wrk.available()) return "wrk is not on the PATH";
        if (!HostCommand.has("curl")) return "curl is not on the PATH";
        return null;
    }

    /** Why the TAP row cannot be measured here (not root, no ip), or null. */
    public static String tapUnavailable() throws InterruptedException {
        return LinuxCommand.missing("ip");
    }

    public int pageBytes() {
        return page.length;
    }

    /** The row's label: what was loaded and how. */
    public String describe() {
        return String.format(Locale.ROOT, "%s %,d B, %s", PAGE, page.length, wrk.describe());
    }

    /** The JDK's HTTP server on [::1]. */
    public Wrk.Result jdk() throws IOException, InterruptedException {
        try (var server = JdkHttpServer.serve(PAGE, page, "text/html")) {
            return load("JDK HttpServer on [::1]", null, server.url(PAGE));
        }
    }

    /** PackOS's httpd through {@code user,hostfwd=tcp:[::1]:PORT-server:80}. */
    public Wrk.Result userHostfwd() throws IOException, InterruptedException {
        int port = freePort();
        try (var machine = HttpdMachine.start("user,hostfwd=tcp:[::1]:" + port + "-server:80")) {
            var url = "http://[::1]:" + port + PAGE;
            machine.awaitReady(null, url, READY);
            return load("PackOS httpd through user hostfwd", null, url);
        }
    }

    /**
     * PackOS's httpd through {@code tap:IF}, the device moved into a namespace that has
     * fd00:7e8f::1/64 on it and the KAN on-link behind it (the router answers for KAN addresses).
     */
    public Wrk.Result tap() throws IOException, InterruptedException {
        var device = Namespace.tapName();
        try (var netns = Namespace.create("http");
             var machine = HttpdMachine.start("tap:" + device)) {
            netns.adopt(device, OUTSIDE_HOST, READY);
            netns.ip("-6", "route", "add", KAN, "dev", device);
            var url = "http://[" + HttpdMachine.SERVER + "]:80" + PAGE;
            machine.awaitReady(netns, url, READY);
            return load("PackOS httpd through TAP", netns, url);
        }
    }

    private Wrk.Result load(String server, Namespace netns, String url) throws IOException, InterruptedException {
        var ns = netns == null ? null : netns.name();
        new Wrk(wrk.threads(), wrk.connections(), WARM_UP).run(ns, url);
        var result = wrk.run(ns, url);
        progress.printf(Locale.ROOT, "%s: %s %s: %,d requests, %.0f req/s%n", server, wrk.describe(), url,
                result.requests(), result.requestsPerSecond());
        return result;
    }

    /** A port free on [::1] now, for the forward: the user network binds it a moment later. */
    private static int freePort() throws IOException {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return socket.getLocalPort();
        }
    }
}
