package packos.hostile.contain;

import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;

/**
 * Holds no irq capability and reaches for every interrupt line, the clock's included, then
 * tries to acknowledge and unregister the clock's line. Each call is refused with a named error;
 * it reports the errors it got and ends cleanly.
 */
public final class IrqWithoutCapability implements Program {
    @Override
    public void main(Process self) {
        var sys = self.sys();
        var errors = new java.util.TreeMap<String, Integer>();
        for (int line = 0; line < 256; line++) {
            try {
                sys.registerInterrupt(line, 5000);
                errors.merge("registered", 1, Integer::sum);
            } catch (KernelException e) {
                errors.merge("register " + e.code().displayName(), 1, Integer::sum);
            }
        }
        try {
            sys.acknowledgeInterrupt(0);
            errors.merge("acknowledged the clock", 1, Integer::sum);
        } catch (KernelException e) {
            errors.merge("acknowledge " + e.code().displayName(), 1, Integer::sum);
        }
        try {
            sys.unregisterInterrupt(0);
            errors.merge("unregistered the clock", 1, Integer::sum);
        } catch (KernelException e) {
            errors.merge("unregister " + e.code().displayName(), 1, Integer::sum);
        }
        self.print("irq attempts: " + errors);
    }
}
