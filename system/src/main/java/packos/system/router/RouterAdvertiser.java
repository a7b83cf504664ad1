package packos.system.router;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import packos.kernel.Packet;
import packos.kernel.Prefix;
import packos.lib.net.EthernetInterface;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.Ipv6Multicast;
import packos.lib.wire.NdpOption;
import packos.lib.wire.RouterAdvertisement;

/**
 * Router Advertisements on the Ethernet (RFC 4861 section 6.2): a few quickly after start, then
 * one every MinRtrAdvInterval..MaxRtrAdvInterval, and an answer to each Router Solicitation. The
 * KAN prefix goes out on-link and not autonomous, so a host puts the KAN on its Ethernet interface
 * and resolves KAN addresses through our proxy advertisements; the link's own prefixes are
 * autonomous. The router is no default router (lifetime 0) unless told to be.
 */
final class RouterAdvertiser {
    static final long SECOND = 1_000_000_000L;
    static final long MAX_INTERVAL = 600 * SECOND;
    static final long MIN_INTERVAL = 198 * SECOND;
    /** MAX_INITIAL_RTR_ADVERT_INTERVAL is 16 s; we go faster, which RFC 4861 section 6.2.4 allows as "at most". */
    static final long INITIAL_INTERVAL = 4 * SECOND;
    static final int INITIAL_ADVERTISEMENTS = 3;
    static final long MIN_DELAY_BETWEEN_RAS = 3 * SECOND;
    static final long MAX_RA_DELAY = 500_000_000L;
    static final int DEFAULT_LIFETIME = 1800;
    static final long VALID_LIFETIME = 2_592_000, PREFERRED_LIFETIME = 604_800;

    private final EthernetInterface ethernet;
    private final Prefix kan;
    private final List<Prefix> link;
    private final boolean defaultRouter;
    private final RandomGenerator random;
    private int sent;
    private long next;
    private long lastSent = Long.MIN_VALUE / 2;
    long advertisementsSent, solicitationsAnswered;

    RouterAdvertiser(EthernetInterface ethernet, Prefix kan, List<Prefix> link, boolean defaultRouter, RandomGenerator random, long now) {
        this.ethernet = ethernet;
        this.kan = kan;
        this.link = List.copyOf(link);
        this.defaultRouter = defaultRouter;
        this.random = random;
        this.next = now;
    }

    long deadline() { return next; }

    /** RFC 4861 section 6.2.6: answer after a short random delay, and no sooner than MIN_DELAY_BETWEEN_RAS after the last. */
    void solicited(long now) {
        solicitationsAnswered++;
        long at = Math.max(now + random.nextLong(MAX_RA_DELAY), lastSent + MIN_DELAY_BETWEEN_RAS);
        next = Math.min(next, at);
    }

    void onTimer(long now) {
        if (now < next) return;
        if (!ethernet.assignedAddresses().contains(ethernet.linkLocal())) {
            // An advertisement comes from the link-local address, which duplicate address detection has not cleared yet.
            next = now + SECOND;
            return;
        }
        send();
        lastSent = now;
        sent++;
        next = now + (sent < INITIAL_ADVERTISEMENTS ? INITIAL_INTERVAL : random.nextLong(MIN_INTERVAL, MAX_INTERVAL + 1));
    }

    private void send() {
        var options = new ArrayList<NdpOption>();
        options.add(new NdpOption.SourceLinkLayerAddress(ethernet.mac()));
        options.add(new NdpOption.Mtu(ethernet.mtu()));
        options.add(new NdpOption.PrefixInformation(kan.length(), true, false, VALID_LIFETIME, PREFERRED_LIFETIME, kan.address()));
        for (var p : link) options.add(new NdpOption.PrefixInformation(p.length(), true, p.length() == 64, VALID_LIFETIME, PREFERRED_LIFETIME, p.address()));
        var page = Packet.standalone(Ipv6Header.MINIMUM_MTU);
        RouterAdvertisement.emit(page, ethernet.linkLocal(), Ipv6Multicast.ALL_NODES,
                new RouterAdvertisement.Parameters(Ipv6Header.DEFAULT_HOP_LIMIT, false, false, defaultRouter ? DEFAULT_LIFETIME : 0, 0, 0), options);
        ethernet.sendNdp(page, Ipv6Multicast.mac(Ipv6Multicast.ALL_NODES));
        advertisementsSent++;
    }
}
