package packos.host.protect;

import java.util.List;

/** A program the loader will not run: every reason, each naming the class, method and reference. */
public final class ProgramRefusedException extends Exception {
    private final List<String> reasons;

    public ProgramRefusedException(List<String> reasons) {
        super(reasons.size() == 1 ? reasons.getFirst() : reasons.size() + " refusals:\n  " + String.join("\n  ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() { return reasons; }
}
