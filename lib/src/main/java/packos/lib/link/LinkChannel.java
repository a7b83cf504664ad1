package packos.lib.link;

import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.net.Datagram;
import packos.lib.net.UdpSocket;
import packos.lib.wire.MalformedPacketException;

/**
 * One end of the link between a NIC driver and its user (the router): the one place where link
 * messages are decoded, checked for their direction and sender, counted and sent, so the driver
 * and the router cannot disagree about the protocol.
 *
 * <p>The driver's end takes ATTACH from anyone (the sender becomes its peer, the last one wins)
 * and FRAME from its peer only; the user's end takes LINK and FRAME from its driver's address and
 * {@link LinkMessage#DRIVER_PORT} only. Everything else is counted and dropped.
 *
 * <p>Sending to a busy peer differs by side, as each side's peer drains its queue differently:
 * the driver lends its CPU to the user (a waiting send), while the user yields a bounded number
 * of times between tries, so a burst is paced by the card rather than lost; a driver that is gone
 * (restarting) loses the frame, as a wire would.
 */
public final class LinkChannel {
    private enum Side { DRIVER, USER }

    /** How often the user offers a message again to a driver whose queue is full, yielding between tries. */
    static final int USER_BUSY_RETRIES = 256;

    private final Side side;
    private final UdpSocket socket;
    private final Runnable giveWay;
    private final LinkCounters counters = new LinkCounters();
    private Address peer;
    private int peerPort;

    private LinkChannel(Side side, UdpSocket socket, Address peer, int peerPort, Runnable giveWay) {
        this.side = side;
        this.socket = socket;
        this.peer = peer;
        this.peerPort = peerPort;
        this.giveWay = giveWay;
        // An ICMPv6 error about a datagram sent is counted here, not thrown from a later poll.
        socket.onError(report -> counters.refused++);
    }

    /** The driver's end, on a socket bound to {@link LinkMessage#DRIVER_PORT}. */
    public static LinkChannel driver(UdpSocket socket) {
        if (socket.port() != LinkMessage.DRIVER_PORT) throw new IllegalArgumentException("a driver's link socket is UDP " + LinkMessage.DRIVER_PORT);
        return new LinkChannel(Side.DRIVER, socket, null, 0, null);
    }

    /** The user's end: the driver at {@code driver}; {@code giveWay} gives the CPU away while the driver is busy. */
    public static LinkChannel user(UdpSocket socket, Address driver, Runnable giveWay) {
        return new LinkChannel(Side.USER, socket, driver, LinkMessage.DRIVER_PORT, giveWay);
    }

    public UdpSocket socket() { return socket; }

    public LinkCounters counters() { return counters; }

    /** Whether a peer is known: always for a user, after an ATTACH for a driver. */
    public boolean attached() { return peer != null; }

    /**
     * The message {@code d} carries if it is one for this side from its peer, else null (counted).
     * An ATTACH at the driver's end makes its sender the peer.
     */
    public LinkMessage receive(Datagram d) {
        LinkMessage m;
        try {
            m = LinkMessage.decode(d.data());
        } catch (MalformedPacketException e) {
            counters.malformed++;
            return null;
        }
        boolean fromPeer = peer != null && peer.equals(d.source()) && peerPort == d.sourcePort();
        switch (side) {
            case DRIVER -> {
                switch (m) {
                    case LinkMessage.Attach a -> {
                        peer = d.source();
                        peerPort = d.sourcePort();
                        counters.attachments++;
                        fromPeer = true;
                    }
                    case LinkMessage.Link l -> {
                        counters.malformed++; // LINK goes from the driver, never to it
                        return null;
                    }
                    case LinkMessage.Frame f -> { }
                }
            }
            case USER -> {
                if (m instanceof LinkMessage.Attach) {
                    counters.malformed++; // ATTACH goes to the driver, never from it
                    return null;
                }
            }
        }
        if (!fromPeer) {
            counters.fromStranger++;
            return null;
        }
        counters.received++;
        return m;
    }

    /** Sends {@code m} to the peer: false if it could not go (counted by reason). */
    public boolean send(LinkMessage m) {
        if (peer == null) {
            counters.noPeer++;
            return false;
        }
        byte[] payload = m.encode();
        try {
            boolean sent = switch (side) {
                case DRIVER -> {
                    socket.send(peer, peerPort, payload);
                    yield true;
                }
                case USER -> tryWithYields(payload);
            };
            if (sent) counters.sent++;
            else counters.lost++;
            return sent;
        } catch (KernelException e) {
            switch (e.code()) {
                case ADDRESS_UNREACHABLE -> {
                    counters.peerGone++;
                    if (side == Side.DRIVER) peer = null; // the user's process ended; a new one attaches again
                }
                case PACKET_QUEUE_FULL -> counters.lost++;
                default -> {
                    if (side == Side.DRIVER) throw e;
                    counters.lost++; // the router carries on whatever a send to its driver met
                }
            }
            return false;
        }
    }

    private boolean tryWithYields(byte[] payload) {
        for (int attempt = 0; attempt < USER_BUSY_RETRIES; attempt++) {
            if (socket.trySend(peer, peerPort, payload, 0, payload.length)) return true;
            giveWay.run();
        }
        return false;
    }
}
