package packos.kernel;

/**
 * A context's kernel calls or instrumented polls came from a thread the kernel did not create:
 * some path ran the program's code on a JDK thread (a pool, a gatherer's threads), where it
 * would act as the process out of order with the process's own thread. The process ends with
 * this fault, and the foreign thread gets it too. The message names no thread: host thread
 * identities differ from run to run, and the scheduler sees the reason.
 */
public final class ForeignThreadFault extends Fault {
    public ForeignThreadFault(String what) { super(what + " from a thread the kernel did not create"); }
}
