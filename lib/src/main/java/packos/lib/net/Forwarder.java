package packos.lib.net;

import packos.kernel.Packet;

/** Takes the packets a {@link Network} receives for addresses not its own: a router's forwarding path. */
@FunctionalInterface
public interface Forwarder {
    /** Forwards or drops {@code packet}; either way it is consumed (sent or freed). */
    void forward(Packet packet);
}
