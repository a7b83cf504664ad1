package packos.kernel;

/** Unwinds a context's thread once the machine has halted. Never seen by a live program. */
final class Halted extends Error {
    Halted() { super("the machine has halted", null, false, false); }
}
