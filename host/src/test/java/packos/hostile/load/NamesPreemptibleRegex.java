package packos.hostile.load;

import java.util.regex.Pattern;
import packos.kernel.PreemptibleRegex;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: names the kernel's regex redirection, which only the instrumenter may call. */
public final class NamesPreemptibleRegex implements Program {
    @Override
    public void main(Process self) {
        self.print("" + PreemptibleRegex.matcher(Pattern.compile("a"), "a").matches());
    }
}
