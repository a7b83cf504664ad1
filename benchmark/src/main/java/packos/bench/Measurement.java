package packos.bench;

/** One benchmark's outcome, whichever side (PackOS or Linux) produced it. */
public sealed interface Measurement permits LatencyResult, ThroughputResult {

    /** What was measured, for people: "Linux UDP round trip [::1]". */
    String name();
}
