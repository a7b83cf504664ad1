package packos.kernel;

/** The body of a test scheduler; when it returns, the machine halts with status 0. */
@FunctionalInterface
interface SchedulerScript {
    void run(RoundRobin rr) throws Exception;
}
