/**
 * Hostile programs that the loader accepts and the kernel and scheduler must contain at run time:
 * each tries one way to hurt another process or the machine through its capabilities, its
 * limits or its faults. {@code packos.host.faults} runs each beside victims that must finish
 * their own work correctly and on time. {@link packos.hostile.contain.Bystander},
 * {@link packos.hostile.contain.Collector} and {@link packos.hostile.contain.SlowSink} are the
 * victims; the fault-injection programs are {@link packos.hostile.contain.FlakyEchoService},
 * {@link packos.hostile.contain.EchoClient} and {@link packos.hostile.contain.Chaos}.
 */
package packos.hostile.contain;
