/**
 * Programs that try to freeze a one-CPU machine from places the kernel cannot take a CPU from
 * easily: static initializers, and JDK code that loops over a program's callbacks or its input. Each prints one line first, so a test can tell that it started; the
 * tests run each beside a victim whose timer must stay on time.
 */
package packos.hostile.freeze;
