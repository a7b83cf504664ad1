package outside.evil;

import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.ZoneId;
import packos.lib.Process;
import packos.lib.Program;

/**
 * A program from outside PackOS whose jar also declares service providers: it calls allowed JDK
 * APIs that look providers up through the system class loader (charsets, time zones). None of
 * them may find the jar's.
 */
public final class ProviderProbe implements Program {
    @Override
    public void main(Process self) {
        self.print("charset x-packos-evil supported: " + Charset.isSupported("x-packos-evil"));
        try {
            self.print("zone Evil/Zone: " + ZoneId.of("Evil/Zone"));
        } catch (DateTimeException e) {
            self.print("zone Evil/Zone: unknown");
        }
    }
}
