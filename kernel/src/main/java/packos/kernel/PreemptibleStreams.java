package packos.kernel;

import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Where the instrumenter sends every stream a program gets from a call into the JDK: the same
 * stream with a stage that polls the process's {@link Signals} at each element. A pipeline whose
 * source and stages are all the JDK's ({@code LongStream.range(0, Long.MAX_VALUE).sum()},
 * {@code Stream.iterate(x, UnaryOperator.identity()).toList()}, {@code random.ints().boxed()})
 * runs no program code at all, so without this it could neither be preempted nor have its
 * allocation metered before it returned. Every stage a program adds is a call returning a stream,
 * so each gets its own polling stage: a stage that buffers everything before passing anything on
 * ({@code sorted}) still polls as it fills.
 *
 * <p>A poll's slow path charges what the JDK allocated so far (see {@link CarrierWindow}), so a
 * pipeline that fills memory meets the heap meter at a bounded distance past its budget.
 * Programs may not name this class (the verifier refuses it).
 */
public final class PreemptibleStreams {
    private PreemptibleStreams() {}

    public static <T> Stream<T> polled(Stream<T> s, Signals signals) {
        return s == null ? null : s.peek(x -> signals.poll());
    }

    public static IntStream polled(IntStream s, Signals signals) {
        return s == null ? null : s.peek(x -> signals.poll());
    }

    public static LongStream polled(LongStream s, Signals signals) {
        return s == null ? null : s.peek(x -> signals.poll());
    }

    public static DoubleStream polled(DoubleStream s, Signals signals) {
        return s == null ? null : s.peek(x -> signals.poll());
    }
}
