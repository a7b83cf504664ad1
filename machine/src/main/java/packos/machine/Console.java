package packos.machine;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The console device: each line is prefixed with its source (a process name), written to the
 * screen and, when there is one, to the debug log (the original's port 0xE9).
 *
 * <p>Every line is escaped ({@link ConsoleText}): nothing in a source's text can end the line, so
 * every line on the screen and in the log starts with its source's own prefix, and no control or
 * bidi character reaches the terminal raw.
 *
 * <p>Writing is not done by whoever prints: lines go, in the order they were printed, into a
 * queue that a writer thread of the console's own empties onto the screen and the log. A printer
 * never waits for a slow or stopped terminal, so no one's output can hold a CPU. The queue is
 * bounded: a source with {@link #SOURCE_BACKLOG} bytes waiting, or a queue holding
 * {@link #BACKLOG}, has its new lines dropped, and once the screen has caught up the console says
 * so in a line of its own from {@link #SYSTEM}. How much a process may print at all is the
 * kernel's business (its output limits); this bound only matters when the host cannot keep up.
 */
public final class Console {
    /** The source of the machine's own notices, and of the kernel's: no process may be named so. */
    public static final String SYSTEM = "kernel";
    /** Bytes of one source's lines that may wait for the screen. */
    public static final long SOURCE_BACKLOG = 1L << 20;
    /** Bytes of all lines that may wait for the screen. */
    public static final long BACKLOG = 64L << 20;
    /** How long the writer thread waits for more before it ends (a new line starts another). */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Lines the writer takes at once, so a burst costs few writes. */
    private static final int BATCH = 256;

    /**
     * One escaped line, ready to write: {@code text} is what appears, prefix included; on the
     * screen and in the log, or in the log alone; {@code bytes} is what it costs in UTF-8 with
     * its line end, what output limits count.
     */
    public static final class Line {
        private final String source;
        private final String text;
        private final boolean onScreen;
        private final long bytes;

        /** Only the console makes lines, so every line it writes is one it escaped. */
        private Line(String source, String text, boolean onScreen) {
            this.source = source;
            this.text = text;
            this.onScreen = onScreen;
            this.bytes = ConsoleText.utf8Length(text) + 1;
        }

        static Line of(String source, String text, boolean onScreen) { return new Line(source, text, onScreen); }

        public String source() { return source; }

        public String text() { return text; }

        public boolean onScreen() { return onScreen; }

        public long bytes() { return bytes; }
    }

    private final PrintStream screen;
    private final PrintStream log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Line> queue = new ArrayDeque<>();
    /** Bytes waiting, per source that has any; with {@link #waiting} the queue's bound. */
    private final LinkedHashMap<String, Long> waitingBySource = new LinkedHashMap<>();
    /** Lines and bytes dropped for a slow screen, per source, not yet reported. */
    private final LinkedHashMap<String, long[]> behind = new LinkedHashMap<>();
    private long waiting;
    /** Lines the writer has taken off the queue and not finished writing. */
    private int inFlight;
    private Thread writer;

    public Console(PrintStream screen, PrintStream log) {
        this.screen = screen;
        this.log = log;
    }

    /** Whether there is a debug log: without one, debug lines cost nothing and go nowhere. */
    public boolean hasLog() { return log != null; }

    /** {@code text} from {@code source} as it will be written to the screen and the log. */
    public Line prepare(String source, String text) {
        return Line.of(source, "[" + ConsoleText.escape(source) + "] " + ConsoleText.escape(text), true);
    }

    /** {@code text} from {@code source} as it will be written to the log alone. */
    public Line prepareDebug(String source, String text) {
        return Line.of(source, "(" + ConsoleText.escape(source) + ") " + ConsoleText.escape(text), false);
    }

    public void line(String source, String text) { write(prepare(source, text)); }

    /** Written only to the debug log: kernel diagnostics a user does not need on screen. */
    public void debug(String source, String text) {
        if (log != null) write(prepareDebug(source, text));
    }

    /** Queues a prepared line; returns at once, whatever the screen is doing. */
    public void write(Line line) {
        if (!line.onScreen() && log == null) return;
        long bytes = line.bytes();
        lock.lock();
        try {
            long mine = waitingBySource.getOrDefault(line.source(), 0L);
            if (mine + bytes > SOURCE_BACKLOG || waiting + bytes > BACKLOG) {
                var d = behind.computeIfAbsent(line.source(), s -> new long[2]);
                d[0]++;
                d[1] += bytes;
                return;
            }
            enqueue(line, bytes);
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(Line line, long bytes) {
        queue.add(line);
        waitingBySource.merge(line.source(), bytes, Long::sum);
        waiting += bytes;
        if (writer == null) writer = Thread.ofPlatform().daemon().name("packos-console").start(this::drain);
        else changed.signalAll();
    }

    /** Waits until every line queued so far is written, then flushes the screen and the log. */
    public void flush() {
        lock.lock();
        try {
            while (!queue.isEmpty() || inFlight > 0) changed.awaitUninterruptibly();
        } finally {
            lock.unlock();
        }
        screen.flush();
        if (log != null) log.flush();
    }

    /** The writer thread: empties the queue in order, a batch at a time, and ends after a second idle. */
    private void drain() {
        var toScreen = new StringBuilder();
        var toLog = new StringBuilder();
        String nl = System.lineSeparator();
        while (true) {
            var batch = new ArrayDeque<Line>();
            lock.lock();
            try {
                long idleFor = IDLE_NANOS;
                while (queue.isEmpty()) {
                    if (idleFor <= 0) {
                        writer = null;
                        return;
                    }
                    try {
                        idleFor = changed.awaitNanos(idleFor);
                    } catch (InterruptedException e) {
                        idleFor = 0;
                    }
                }
                while (!queue.isEmpty() && batch.size() < BATCH) batch.add(queue.poll());
                inFlight = batch.size();
            } finally {
                lock.unlock();
            }
            toScreen.setLength(0);
            toLog.setLength(0);
            for (var line : batch) {
                if (line.onScreen()) toScreen.append(line.text()).append(nl);
                if (log != null) toLog.append(line.text()).append(nl);
            }
            try {
                if (!toScreen.isEmpty()) screen.print(toScreen.toString());
                if (log != null) log.print(toLog.toString());
            } catch (RuntimeException e) {
                // A stream that throws loses this batch, not the console: the writer and flush() go on.
            }
            lock.lock();
            try {
                for (var line : batch) {
                    long bytes = line.bytes();
                    waiting -= bytes;
                    waitingBySource.computeIfPresent(line.source(), (s, b) -> b == bytes ? null : b - bytes);
                }
                inFlight = 0;
                reportCaughtUp();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Says, once the screen has caught up, how much of whose output a slow screen cost. */
    private void reportCaughtUp() {
        if (behind.isEmpty() || waiting > BACKLOG / 2) return;
        for (var it = behind.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (waitingBySource.getOrDefault(e.getKey(), 0L) > SOURCE_BACKLOG / 2) continue;
            it.remove();
            var notice = prepare(SYSTEM, "the screen fell behind: " + e.getValue()[0] + " lines (" + e.getValue()[1]
                    + " bytes) of " + e.getKey() + "'s output were dropped");
            enqueue(notice, notice.bytes());
        }
    }
}
