package packos.hostile.determinism;

import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Date;
import packos.lib.Process;
import packos.lib.Program;

/** Prints what allowed JDK calls make of the JVM's default locale and time zone: the same on every host, or determinism is broken. */
public final class HostDefaults implements Program {
    @Override
    public void main(Process self) {
        self.print("upper " + "title".toUpperCase() + " lower " + "TITLE".toLowerCase());
        self.print("format " + String.format("%,d %.2f %s", 1234567, 1.5, 2.5e10));
        self.print("number " + NumberFormat.getInstance().format(1234567.891));
        self.print("date " + new Date(0));
        self.print("localized " + DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).format(java.time.LocalDate.of(2026, 12, 7)));
    }
}
