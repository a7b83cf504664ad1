/**
 * The PackOS side of the benchmark: programs that run as processes inside a booted machine.
 *
 * <p>Each process loads these classes in a class loader of its own, so they share nothing with
 * the harness: they time themselves with the machine clock ({@code sys.now()}, host monotonic
 * time on a real clock) and report one line on the console, which the harness parses. They use
 * only the kernel and the library, like any program.
 */
package packos.bench.kan;
