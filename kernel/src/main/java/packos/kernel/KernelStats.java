package packos.kernel;

/** Counters a user can read after a run: what was delivered and what was refused, by reason, and what link impairment did. */
public record KernelStats(long delivered, long queueFull, long unreachable, long spoofRefused, long malformed,
                          long wrongNextHop,
                          long interruptsDelivered, long interruptsLost, long spuriousInterrupts,
                          int contextsCreated, int contextsFaulted, int pagesInUse, LinkStats link) {}
