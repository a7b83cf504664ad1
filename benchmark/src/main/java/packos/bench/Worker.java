package packos.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;

/** One platform thread running one benchmark loop, started and stopped by a {@link Crew}. */
final class Worker<T> {

    private final String name;
    private final FutureTask<T> task;
    private final Thread thread;

    Worker(String name, Callable<T> body, Semaphore finished) {
        this.name = name;
        this.task = new FutureTask<>(body) {
            @Override
            protected void done() {
                finished.release();
            }
        };
        // Platform threads: the Linux baseline is what an ordinary Java program gets from the
        // kernel, and a daemon thread never holds the JVM open if a join gives up.
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(task);
    }

    String name() {
        return name;
    }

    void start() {
        thread.start();
    }

    boolean isDone() {
        return task.isDone();
    }

    /** The loop's value once it has finished; its failure, rethrown, if it failed. */
    T result() throws IOException {
        if (!task.isDone()) {
            throw new IllegalStateException(name + " has not finished");
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                // Only a stop interrupts a worker: that is not the caller's own interruption.
                case InterruptedException interrupted -> throw stopped(interrupted);
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                case Throwable other -> throw new IOException(name + " failed", other);
            }
        } catch (CancellationException e) {
            throw stopped(e);
        } catch (InterruptedException e) {
            throw new AssertionError("a finished task does not wait", e);
        }
    }

    private InterruptedIOException stopped(Exception cause) {
        var stopped = new InterruptedIOException(name + " was stopped before it finished");
        stopped.initCause(cause);
        return stopped;
    }

    /**
     * Interrupts the thread if it is still running (which also closes a channel it is
     * blocked on) and joins it for at most {@code graceMillis}.
     */
    void stop(long graceMillis) {
        if (thread.isAlive()) {
            thread.interrupt();
        }
        try {
            thread.join(graceMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
