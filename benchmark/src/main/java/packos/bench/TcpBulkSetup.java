package packos.bench;

import java.util.Locale;

/**
 * How a PackOS TCP bulk stream is set up: the KAN's page size (its MTU), the TCP send and
 * receive buffers of both ends, and the bytes per write and per read. The table's row label
 * names them, so a figure never hides the configuration it needed.
 */
public record TcpBulkSetup(int pageSize, int bufferBytes, int writeBytes) {

    public TcpBulkSetup {
        if (pageSize < 1280 || pageSize > 65_575 || bufferBytes < 0 || writeBytes < 1) {
            throw new IllegalArgumentException("bad TCP setup: pages of " + pageSize + " bytes, buffers of "
                    + bufferBytes + ", writes of " + writeBytes);
        }
    }

    /** "64 KiB MTU, 4 MiB buffers, 256 KiB writes". */
    public String describe() {
        return size(pageSize) + " MTU, " + (bufferBytes == 0 ? "default" : size(bufferBytes)) + " buffers, "
                + size(writeBytes) + " writes";
    }

    /** Binary units when exact, so 65,536 reads "64 KiB" and 65,575 stays "65,575 B". */
    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return String.format(Locale.ROOT, "%,d B", bytes);
    }
}
