package packos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CrewTest {

    private static final long LONG = TimeUnit.SECONDS.toNanos(20);

    @Test
    @Timeout(10)
    void aFailingWorkerEndsTheWaitForItsBlockedPartner() throws Exception {
        var crew = new Crew();
        try (var channel = Loopback.bind()) {
            var blocked = crew.start("blocked", () -> channel.receive(ByteBuffer.allocate(64)));
            crew.start("failing", () -> {
                throw new IOException("echo died");
            });
            long started = System.nanoTime();
            var failure = assertThrows(IOException.class, () -> crew.await(started + LONG, blocked));
            assertEquals("echo died", failure.getMessage());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5));
        } finally {
            crew.stopAll();
        }
    }

    @Test
    @Timeout(10)
    void aStuckWorkerTimesOutAndIsStopped() throws Exception {
        var crew = new Crew();
        var stuck = crew.start("stuck", () -> {
            Thread.sleep(60_000);
            return null;
        });
        try {
            var timeout = assertThrows(SocketTimeoutException.class,
                    () -> crew.await(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100), stuck));
            assertTrue(timeout.getMessage().contains("stuck"), timeout.getMessage());
        } finally {
            crew.stopAll();
        }
        assertTrue(stuck.isDone());
        assertThrows(InterruptedIOException.class, stuck::result);
    }

    @Test
    @Timeout(10)
    void finishedWorkersHandBackTheirValues() throws Exception {
        var crew = new Crew();
        try {
            var one = crew.start("one", () -> 1);
            var two = crew.start("two", () -> 2);
            crew.await(System.nanoTime() + LONG, one, two);
            assertEquals(3, one.result() + two.result());
        } finally {
            crew.stopAll();
        }
    }
}
