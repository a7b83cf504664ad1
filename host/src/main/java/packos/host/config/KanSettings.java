package packos.host.config;

import java.util.Objects;
import packos.kernel.Prefix;

/**
 * The kernel-area network: the /64 its addresses come from, the receive queue length per context,
 * the packet-page quota per context, the size of the page pool and the size of one page.
 */
public record KanSettings(Prefix prefix, int queue, int quota, int pages, int pageSize) {
    public static final KanSettings DEFAULT = new KanSettings(Prefix.parse("fd00:7e8e::/64"), 64, 1024, 65536, 4096);

    public KanSettings {
        Objects.requireNonNull(prefix, "prefix");
    }
}
