package packos.hostile.load;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: serializes an object graph. */
public final class Serializes implements Program {
    @Override
    public void main(Process self) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(java.util.List.of("a"));
        }
        self.print(bytes.size() + " bytes");
    }
}
