package packos.samples.tcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits a byte stream into lines at LF, whatever the segment boundaries; a CR before the LF is dropped. */
final class LineReader {
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    List<String> add(byte[] b, int len) {
        var out = new ArrayList<String>();
        for (int i = 0; i < len; i++) {
            if (b[i] != '\n') {
                partial.write(b[i]);
                continue;
            }
            var bytes = partial.toByteArray();
            int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            out.add(new String(bytes, 0, n, StandardCharsets.UTF_8));
            partial.reset();
        }
        return out;
    }
}
