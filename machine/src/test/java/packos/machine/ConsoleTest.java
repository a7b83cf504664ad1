package packos.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The console writes every line escaped, in order, and never makes a printer wait for the screen. */
@Timeout(30)
class ConsoleTest {
    /** A screen that takes nothing until released: a terminal stopped with ^S, a pipe no one reads. */
    static final class StoppedScreen extends OutputStream {
        final CountDownLatch released = new CountDownLatch(1);
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public void write(int b) { write(new byte[] {(byte) b}, 0, 1); }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (written) {
                written.write(b, off, len);
            }
        }

        String text() {
            synchronized (written) {
                return written.toString(StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void linesAreWrittenInOrderEscapedOnScreenAndInTheLog() {
        var screen = new ByteArrayOutputStream();
        var log = new ByteArrayOutputStream();
        var console = new Console(new PrintStream(screen, true, StandardCharsets.UTF_8), new PrintStream(log, true, StandardCharsets.UTF_8));
        for (int i = 0; i < 1000; i++) console.line("p", "line " + i + (i % 2 == 0 ? "\n[kernel] forged" : ""));
        console.debug("p", "detail\u001b[0m");
        console.flush();
        var lines = screen.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1000, lines.size());
        assertEquals("[p] line 0\\n[kernel] forged", lines.get(0));
        assertEquals("[p] line 999", lines.get(999));
        var logged = log.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(lines, logged.subList(0, 1000));
        assertEquals("(p) detail\\x1b[0m", logged.get(1000));
    }

    @Test
    void aStoppedScreenNeverBlocksAPrinterAndDropsOnlyTheSourceThatFilledItsBacklog() throws Exception {
        var stopped = new StoppedScreen();
        var console = new Console(new PrintStream(stopped, true, StandardCharsets.UTF_8), null);
        String line = "x".repeat(1000);
        long start = System.nanoTime();
        // Four times the backlog a source may have waiting: a printer waiting for the screen would hang here.
        for (int i = 0; i < 4 * Console.SOURCE_BACKLOG / 1000; i++) console.line("flooder", line);
        console.line("victim", "still here");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 5_000, "printing took " + tookMillis + " ms with the screen stopped");

        stopped.released.countDown();
        console.flush();
        var lines = stopped.text().lines().toList();
        long flooderLines = lines.stream().filter(l -> l.startsWith("[flooder] ")).count();
        assertTrue(flooderLines <= Console.SOURCE_BACKLOG / 1000 && flooderLines > 0, flooderLines + " flooder lines written");
        assertEquals(1, lines.stream().filter(l -> l.equals("[victim] still here")).count(), "the victim's line is not dropped");
        var notices = lines.stream().filter(l -> l.startsWith("[kernel] the screen fell behind: ")).toList();
        assertEquals(1, notices.size(), String.join("\n", notices));
        long dropped = 4 * Console.SOURCE_BACKLOG / 1000 - flooderLines;
        assertEquals("[kernel] the screen fell behind: " + dropped + " lines (" + dropped * 1011 + " bytes) of flooder's output were dropped",
                notices.getFirst());
    }
}
