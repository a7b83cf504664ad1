package packos.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import packos.bench.kan.PatternReceiver;
import packos.bench.kan.PatternSender;
import packos.host.config.BootConfigException;
import packos.host.config.BootConfigParser;

/**
 * A fixed-size TCP transfer between two PackOS processes over a lossy KAN, in virtual time: a
 * boot config with {@code clock=virtual}, one CPU and a {@code link loss=...} line, as a protocol
 * test would write it. The receiver checks every byte against a seeded pattern as it arrives.
 * The transfer's virtual time runs from the sender's connect to the receiver's reading the last
 * byte; the wall time is the whole boot's on the host, what simulating it cost.
 *
 * @param bytes       how much to transfer
 * @param lossPercent the share of packets between the two processes the KAN loses, 0..100
 * @param setup       the KAN's page size, the TCP buffers and the bytes per write
 * @param seed        the machine's seed: which packets are lost, and the pattern's bytes
 */
public record KanTcpTransfer(long bytes, double lossPercent, TcpBulkSetup setup, long seed, Duration budget) {

    private static final Pattern STARTED = Pattern.compile("tcp-transfer started=(\\d+)");
    private static final Pattern FINISHED = Pattern.compile("tcp-transfer bytes=(\\d+) finished=(\\d+)");
    private static final Pattern COUNTERS = Pattern.compile("tcp-transfer sender (.*)");
    private static final Pattern LINKS = Pattern.compile("links: (\\d+) lost.*");

    public KanTcpTransfer {
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(budget, "budget");
        if (bytes < 1 || !(lossPercent >= 0 && lossPercent < 100)) {
            throw new IllegalArgumentException("bad transfer: " + bytes + " bytes at " + lossPercent + " % loss");
        }
    }

    /**
     * What one transfer took.
     *
     * @param counters the sender's TCP counters (segments, retransmissions, timeouts), as it printed them
     * @param lost     packets the KAN lost, in both directions
     */
    public record Result(String name, long bytes, double virtualSeconds, double wallSeconds, String counters, long lost) {

        public Figure virtualTime() {
            return Figure.nanos(virtualSeconds * 1e9);
        }

        public Figure wallTime() {
            return Figure.nanos(wallSeconds * 1e9);
        }
    }

    /** "100 MB at 1% loss". */
    public String describe() {
        return amount(bytes) + " at " + loss() + " loss";
    }

    public String name() {
        return "KAN TCP transfer, " + describe() + ", " + setup.describe();
    }

    /** The boot config, as a file would hold it. */
    String bootConfig() {
        var receiver = KanMachine.processAddress(0);
        String buffers = Integer.toString(setup.bufferBytes());
        String chunk = Integer.toString(setup.writeBytes());
        return String.join("\n",
                "image name=tcp-transfer description=\"" + describe() + " in virtual time\"",
                "machine cpus=1 clock=virtual hz=100 seed=" + seed,
                "kan page-size=" + setup.pageSize(),
                "link loss=" + loss(),
                "process name=receiver program=" + PatternReceiver.class.getName() + " arg=" + bytes + " arg=" + seed
                        + " arg=" + chunk + " arg=" + buffers,
                "process name=sender program=" + PatternSender.class.getName() + " arg=" + receiver + " arg=" + bytes
                        + " arg=" + seed + " arg=" + chunk + " arg=" + buffers,
                "");
    }

    public Result run() throws IOException {
        try {
            var config = BootConfigParser.parse("tcp-transfer.boot", bootConfig());
            var run = KanMachine.boot(config, budget, true);
            long started = Long.parseLong(run.find("sender", STARTED).group(1));
            var finished = run.find("receiver", FINISHED);
            long received = Long.parseLong(finished.group(1));
            double virtual = (Long.parseLong(finished.group(2)) - started) / 1e9;
            return new Result(name(), received, virtual, run.seconds(), run.find("sender", COUNTERS).group(1),
                    Long.parseLong(run.find("kernel", LINKS).group(1)));
        } catch (BootConfigException e) {
            throw new IllegalStateException("the benchmark wrote a boot config it cannot read: " + e.getMessage(), e);
        }
    }

    /** Decimal megabytes, as transfer sizes are usually given: "100 MB". */
    static String amount(long bytes) {
        return bytes % 1_000_000 == 0 ? bytes / 1_000_000 + " MB" : String.format(Locale.ROOT, "%,d B", bytes);
    }

    private String loss() {
        return SignificantDigits.compact(lossPercent) + "%";
    }
}
