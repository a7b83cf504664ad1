package packos.hostile.load;

import java.util.Locale;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: changes the JVM-wide default locale under every process. */
public final class SetsDefaultLocale implements Program {
    @Override
    public void main(Process self) throws Exception {
        Locale.setDefault(Locale.GERMANY);
    }
}
