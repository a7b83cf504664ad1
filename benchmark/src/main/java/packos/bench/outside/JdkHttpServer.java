package packos.bench.outside;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The reference server for the HTTP rows: the JDK's own {@code com.sun.net.httpserver} on
 * loopback, serving one file's bytes from memory with its content type, as PackOS's httpd serves
 * it. A thread per request from a pool, as such a server is commonly run.
 */
public final class JdkHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService workers;

    private JdkHttpServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Serves {@code body} at {@code path} on [::1] at an ephemeral port; any other path is 404. */
    public static JdkHttpServer serve(String path, byte[] body, String contentType) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("::1"), 0), 128);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        var workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        server.setExecutor(workers);
        server.start();
        return new JdkHttpServer(server, workers);
    }

    public String url(String path) {
        return "http://[::1]:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
