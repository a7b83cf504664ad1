package packos.bench.kan;

import packos.lib.Process;
import packos.lib.tcp.TcpConfig;

/** The TCP buffer sizes a benchmark program's connections get, from one program argument. */
final class TcpBuffers {

    private TcpBuffers() {
    }

    /**
     * Sets send and receive buffers of {@code bytes} (0 keeps the library's defaults) for every
     * connection the process opens or accepts from now on.
     */
    static void apply(Process self, int bytes) {
        if (bytes > 0) {
            self.net().setTcpDefaults(TcpConfig.defaults().withBuffers(bytes, bytes));
        }
    }
}
