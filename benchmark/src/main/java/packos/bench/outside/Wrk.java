package packos.bench.outside;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import packos.host.linux.HostCommand;

/**
 * The {@code wrk} HTTP load generator, run as a Linux process (optionally inside a network
 * namespace, to reach a TAP device that lives there) against one URL.
 *
 * @param threads     wrk's threads ({@code -t})
 * @param connections keep-alive connections held open ({@code -c})
 * @param duration    how long it loads the server ({@code -d})
 */
public record Wrk(int threads, int connections, Duration duration) {
    private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("([0-9]+) requests in ");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)|Socket errors: (.*)");

    public Wrk {
        Objects.requireNonNull(duration);
        if (threads < 1 || connections < threads || duration.toSeconds() < 1) {
            throw new IllegalArgumentException("wrk: " + threads + " threads, " + connections + " connections, " + duration);
        }
    }

    /** What one wrk run measured. */
    public record Result(String target, long requests, double requestsPerSecond) {}

    /** Whether wrk is installed: without it the HTTP rows are pending. */
    public static boolean available() { return HostCommand.has("wrk"); }

    /**
     * Loads {@code url} (run inside namespace {@code netns} when not null) and returns the rate.
     *
     * @throws IOException if wrk fails, reports errors or non-2xx answers: a rate of failures is not a rate
     */
    public Result run(String netns, String url) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        if (netns != null) command.addAll(List.of("ip", "netns", "exec", netns));
        command.addAll(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s", url));
        // Bounded: a wrk that hangs (a server that never answers) ends the row, not the run.
        var ran = HostCommand.run(duration.plusSeconds(30), command);
        var out = ran.out();
        if (ran.status() == -1) throw new IOException("wrk against " + url + " did not end");
        if (ran.status() != 0) throw new IOException("wrk against " + url + " failed (" + ran.status() + "): " + (out + ran.err()).strip());
        return parse(url, out);
    }

    /**
     * What wrk printed for {@code url}: its total and rate.
     *
     * @throws IOException if it reports socket errors or non-2xx/3xx answers, or prints no rate
     */
    static Result parse(String url, String out) throws IOException {
        var errors = ERRORS.matcher(out);
        if (errors.find()) throw new IOException("wrk against " + url + " saw failures: " + errors.group().strip());
        var rate = REQUESTS.matcher(out);
        var total = TOTAL.matcher(out);
        if (!rate.find() || !total.find()) throw new IOException("wrk against " + url + ": no rate in its output: " + out.strip());
        return new Result(url, Long.parseLong(total.group(1)), Double.parseDouble(rate.group(1)));
    }

    public String describe() {
        return String.format(Locale.ROOT, "wrk -t%d -c%d -d%ds", threads, connections, duration.toSeconds());
    }
}
