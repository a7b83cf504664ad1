package packos.machine.wire;

import java.io.IOException;

/**
 * Opens a TAP wire and prints what happened, for {@link TapWireTest} to run as an unprivileged
 * user: one line, either the advice the wire gives ("opened" when there is none) or the error.
 */
final class TapOpenProbe {
    private TapOpenProbe() {}

    public static void main(String[] args) {
        try (var wire = TapWire.open(args[0])) {
            System.out.println(wire.advice().orElse("opened"));
        } catch (IOException e) {
            System.out.println(e.getMessage());
        }
    }
}
