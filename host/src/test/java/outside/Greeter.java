package outside;

import packos.lib.Process;
import packos.lib.Program;

/** An honest program from outside PackOS's tree: greets, with a helper class of its own jar. */
public final class Greeter implements Program {
    @Override
    public void main(Process self) {
        self.print(Greeting.text(self.args().isEmpty() ? "world" : self.args().getFirst()));
    }
}
