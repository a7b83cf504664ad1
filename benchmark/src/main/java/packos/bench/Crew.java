package packos.bench;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The threads of one benchmark run. Waiting is bounded by a deadline and fails fast: the
 * first worker to fail ends the wait, so a dead echo thread does not leave its partner
 * blocked until the deadline.
 */
final class Crew {

    private static final long STOP_GRACE_MILLIS = 5_000;

    private final Semaphore finished = new Semaphore(0);
    private final List<Worker<?>> workers = new ArrayList<>();

    <T> Worker<T> start(String name, Callable<T> body) {
        var worker = new Worker<>(name, body, finished);
        workers.add(worker);
        worker.start();
        return worker;
    }

    /** Waits until every one of {@code awaited} has finished, or any worker of the crew failed. */
    void await(long deadlineNanos, Worker<?>... awaited) throws IOException, InterruptedException {
        while (true) {
            for (var worker : workers) {
                if (worker.isDone()) {
                    worker.result();
                }
            }
            var running = new ArrayList<String>();
            for (var worker : awaited) {
                if (!worker.isDone()) {
                    running.add(worker.name());
                }
            }
            if (running.isEmpty()) {
                return;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException(String.join(", ", running) + " did not finish in time");
            }
            finished.tryAcquire(left, TimeUnit.NANOSECONDS);
        }
    }

    /** Interrupts whatever still runs and joins every thread; call it in a finally block. */
    void stopAll() {
        for (var worker : workers) {
            worker.stop(STOP_GRACE_MILLIS);
        }
    }
}
