package packos.bench;

/** The "met" column. */
public enum Verdict {
    YES("yes"),
    NO("no"),
    /** No PackOS figure yet, or no target to meet. */
    UNDECIDED("-");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
