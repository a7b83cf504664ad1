package packos.host.usernet;

import java.nio.channels.SelectionKey;

/** What a host channel registered with the network's selector does when the selector says it is ready. */
interface ChannelEvents {
    void ready(SelectionKey key, long now);
}
