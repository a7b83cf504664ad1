package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.wire.Vectors.*;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.machine.nic.MacAddress;

/**
 * Neighbor Discovery views against packets written by hand from RFC 4861 section 4's diagrams,
 * laid out as Linux sends them; their checksums come from an independent Python script.
 */
class NdpTest {
    static final Address LINUX = Address.parse("fe80::3602:86ff:fe68:bcef");
    static final MacAddress LINUX_MAC = MacAddress.parse("34:02:86:68:bc:ef");
    static final MacAddress PACKOS_MAC = MacAddress.parse("52:54:00:12:34:56");
    static final Address PACKOS = Address.parse("fe80::5054:ff:fe12:3456");

    /** Linux on tap0 resolving fe80::1: to ff02::1:ff00:1, with its source link-layer address. */
    static final String LINUX_NS = "6000000000203afffe80000000000000360286fffe68bcefff0200000000000000000001ff000001"
            + "87008ce600000000fe800000000000000000000000000001010134028668bcef";
    /** The answer: fe80::1 to Linux, S and O set, target link-layer address 52:54:00:12:34:56. */
    static final String NA = "6000000000203afffe800000000000000000000000000001fe80000000000000360286fffe68bcef"
            + "88001b0860000000fe8000000000000000000000000000010201525400123456";
    /** A router advertisement to all nodes: hop limit 64, lifetime 1800 s, SLLA, MTU 1500, prefix fd00:4b41:4e::/64 L A. */
    static final String RA = "6000000000403afffe80000000000000505400fffe123456ff020000000000000000000000000001"
            + "8600088b400007080000000000000000" + "0101525400123456" + "05010000000005dc"
            + "030440c0000151800000384000000000fd004b41004e00000000000000000000";
    /** A duplicate address probe for fe80::5054:ff:fe12:3456. */
    static final String DAD = "6000000000183aff00000000000000000000000000000000ff0200000000000000000001ff123456"
            + "8700c40200000000fe80000000000000505400fffe123456";
    static final String RS = "6000000000103afffe80000000000000360286fffe68bcefff020000000000000000000000000002"
            + "85008c7900000000010134028668bcef";

    @Test
    void linuxNeighborSolicitationReadsFieldByField() throws Exception {
        var ns = assertInstanceOf(NeighborSolicitation.class, Ndp.check(packet(LINUX_NS)));
        assertEquals(Ndp.NEIGHBOR_SOLICITATION, ns.type());
        assertEquals(0, ns.code());
        assertEquals(0x8ce6, ns.checksum());
        assertEquals(255, ns.hopLimit());
        assertEquals(LINUX, ns.source());
        assertEquals(Address.parse("ff02::1:ff00:1"), ns.destination());
        assertEquals(FE80_1, ns.target());
        assertEquals(Optional.of(LINUX_MAC), ns.sourceLinkLayerAddress());
        assertEquals(Optional.empty(), ns.targetLinkLayerAddress());
        assertFalse(ns.isDuplicateAddressDetection());
        assertEquals(40, ns.offset());
        assertEquals(32, ns.length());
        assertTrue(ns.hasValidChecksum());
    }

    @Test
    void neighborAdvertisementReadsItsFlagsAndTargetLinkLayerAddress() throws Exception {
        var na = assertInstanceOf(NeighborAdvertisement.class, Ndp.check(packet(NA)));
        assertEquals(new NeighborAdvertisement.Flags(false, true, true), na.flags());
        assertFalse(na.router());
        assertTrue(na.solicited());
        assertTrue(na.override());
        assertEquals(FE80_1, na.target());
        assertEquals(Optional.of(PACKOS_MAC), na.targetLinkLayerAddress());
    }

    @Test
    void routerAdvertisementReadsItsParametersAndOptions() throws Exception {
        var ra = assertInstanceOf(RouterAdvertisement.class, Ndp.check(packet(RA)));
        assertEquals(64, ra.curHopLimit());
        assertFalse(ra.managed());
        assertFalse(ra.otherConfig());
        assertEquals(1800, ra.routerLifetime());
        assertEquals(0, ra.reachableTime());
        assertEquals(0, ra.retransTimer());
        assertEquals(List.of(new NdpOption.SourceLinkLayerAddress(PACKOS_MAC), new NdpOption.Mtu(1500),
                new NdpOption.PrefixInformation(64, true, true, 86400, 14400, Address.parse("fd00:4b41:4e::"))), ra.options());
        assertEquals(1, ra.prefixes().size());
    }

    @Test
    void duplicateAddressProbeAndRouterSolicitationRead() throws Exception {
        var dad = assertInstanceOf(NeighborSolicitation.class, Ndp.check(packet(DAD)));
        assertTrue(dad.isDuplicateAddressDetection());
        assertEquals(PACKOS, dad.target());
        assertEquals(List.of(), dad.options());
        var rs = assertInstanceOf(RouterSolicitation.class, Ndp.check(packet(RS)));
        assertEquals(Optional.of(LINUX_MAC), rs.sourceLinkLayerAddress());
    }

    @Test
    void emittedMessagesEqualTheHandWrittenVectors() {
        var p = Packet.standalone(1280);
        NeighborSolicitation.emit(p, LINUX, Ipv6Multicast.solicitedNode(FE80_1), FE80_1, LINUX_MAC);
        assertEquals(LINUX_NS, hex(p.toByteArray()));
        NeighborAdvertisement.emit(p, FE80_1, LINUX, FE80_1, new NeighborAdvertisement.Flags(false, true, true), PACKOS_MAC);
        assertEquals(NA, hex(p.toByteArray()));
        RouterAdvertisement.emit(p, PACKOS, Ipv6Multicast.ALL_NODES, new RouterAdvertisement.Parameters(64, false, false, 1800, 0, 0),
                List.of(new NdpOption.SourceLinkLayerAddress(PACKOS_MAC), new NdpOption.Mtu(1500),
                        new NdpOption.PrefixInformation(64, true, true, 86400, 14400, Address.parse("fd00:4b41:4e::"))));
        assertEquals(RA, hex(p.toByteArray()));
        NeighborSolicitation.emitDuplicateAddressProbe(p, PACKOS);
        assertEquals(DAD, hex(p.toByteArray()));
        RouterSolicitation.emit(p, LINUX, LINUX_MAC);
        assertEquals(RS, hex(p.toByteArray()));
    }

    @Test
    void emitThenCheckRoundTripsEveryField() throws Exception {
        var p = Packet.standalone(1280);
        var params = new RouterAdvertisement.Parameters(255, true, true, 9000, 0xffff_ffffL, 1000);
        RouterAdvertisement.emit(p, PACKOS, LINUX, params, List.of(new NdpOption.PrefixInformation(48, false, true,
                NdpOption.INFINITE_LIFETIME, 0, DOC_1)));
        var ra = (RouterAdvertisement) Ndp.check(Packet.of(p.toByteArray()));
        assertEquals(params, new RouterAdvertisement.Parameters(ra.curHopLimit(), ra.managed(), ra.otherConfig(), ra.routerLifetime(),
                ra.reachableTime(), ra.retransTimer()));
        assertEquals(new NdpOption.PrefixInformation(48, false, true, NdpOption.INFINITE_LIFETIME, 0, DOC_1), ra.prefixes().getFirst());

        for (var flags : List.of(new NeighborAdvertisement.Flags(true, false, false), new NeighborAdvertisement.Flags(false, false, true))) {
            NeighborAdvertisement.emit(p, DOC_1, Ipv6Multicast.ALL_NODES, DOC_1, flags, PACKOS_MAC);
            var na = (NeighborAdvertisement) Ndp.check(Packet.of(p.toByteArray()));
            assertEquals(flags, na.flags());
            assertEquals(DOC_1, na.target());
        }
        RouterSolicitation.emit(p, Address.UNSPECIFIED, PACKOS_MAC);
        assertEquals(List.of(), Ndp.check(Packet.of(p.toByteArray())).options());
    }

    @Test
    void settersChangeFieldsAndTheChecksumFollows() throws Exception {
        var na = (NeighborAdvertisement) Ndp.check(packet(NA));
        na.setFlags(new NeighborAdvertisement.Flags(true, true, false));
        na.setTarget(DOC_2);
        assertFalse(na.hasValidChecksum());
        na.fillChecksum();
        var again = (NeighborAdvertisement) Ndp.check(Packet.of(na.packet().toByteArray()));
        assertEquals(new NeighborAdvertisement.Flags(true, true, false), again.flags());
        assertEquals(DOC_2, again.target());
        var ra = (RouterAdvertisement) Ndp.check(packet(RA));
        ra.setManaged(true);
        ra.setOtherConfig(true);
        ra.setOtherConfig(false);
        ra.setRouterLifetime(0);
        assertTrue(ra.managed());
        assertFalse(ra.otherConfig());
        assertEquals(0, ra.routerLifetime());
        assertThrows(IllegalArgumentException.class, () -> ra.setRouterLifetime(0x10000));
        assertThrows(IllegalArgumentException.class, () -> ra.setCurHopLimit(256));
    }

    @Test
    void emittersRefuseWhatReceiversWouldDrop() {
        var p = Packet.standalone(1280);
        assertThrows(IllegalArgumentException.class,
                () -> NeighborSolicitation.emit(p, Address.UNSPECIFIED, Ipv6Multicast.solicitedNode(FE80_1), FE80_1, LINUX_MAC));
        assertThrows(IllegalArgumentException.class,
                () -> NeighborSolicitation.emit(p, LINUX, FE80_1, ALL_NODES, LINUX_MAC));
        assertThrows(IllegalArgumentException.class, () -> NeighborAdvertisement.emit(p, FE80_1, ALL_NODES, FE80_1,
                new NeighborAdvertisement.Flags(false, true, false), PACKOS_MAC));
        assertThrows(IllegalArgumentException.class, () -> RouterAdvertisement.emit(p, DOC_1, ALL_NODES,
                new RouterAdvertisement.Parameters(64, false, false, 0, 0, 0), List.of()));
    }

    // ---- each validation rule, named --------------------------------------------------------

    /** The vector with {@code change} applied and, unless told otherwise, the checksum made right again. */
    private static Packet altered(String vector, Consumer<Packet> change) {
        var p = packet(vector);
        change.accept(p);
        int length = p.u16(4);
        p.putU16(42, 0);
        p.putU16(42, Checksums.compute(p, 40, length, p.address(8), p.address(24), Ipv6Header.ICMPV6));
        return p;
    }

    private static String rejection(Packet p) {
        return assertThrows(MalformedPacketException.class, () -> Ndp.check(p)).getMessage();
    }

    @Test
    void hopLimitBelow255MeansOffLink() {
        var p = packet(LINUX_NS);
        p.putU8(7, 254);
        assertEquals("Neighbor Solicitation: IPv6 hop limit field 254 is not 255, so the message may come from off the link", rejection(p));
    }

    @Test
    void aBadChecksumIsNamed() {
        var p = packet(NA);
        p.putU8(70, 0x99);
        assertEquals("Neighbor Advertisement: ICMPv6 checksum field 0x1b08 does not match the message", rejection(p));
    }

    @Test
    void aNonzeroCodeIsRejected() {
        assertEquals("Router Advertisement: ICMPv6 code field 1 is not 0", rejection(altered(RA, p -> p.putU8(41, 1))));
    }

    @Test
    void aMessageShorterThanItsFixedPartIsRejected() {
        var p = packet(LINUX_NS);
        var shortened = Packet.of(java.util.Arrays.copyOf(p.toByteArray(), 40 + 20));
        shortened.putU16(4, 20);
        var fixed = altered(hex(shortened.toByteArray()), _ -> {});
        assertEquals("Neighbor Solicitation: ICMP length 20 bytes, fewer than the 24 of its fixed fields", rejection(fixed));
    }

    @Test
    void anOptionOfLengthZeroInvalidatesTheMessage() {
        assertEquals("Neighbor Solicitation option type 1: length field 0 is invalid (RFC 4861 section 4.6)",
                rejection(altered(LINUX_NS, p -> p.putU8(65, 0))));
    }

    @Test
    void anOptionRunningPastTheMessageIsRejected() {
        assertEquals("Neighbor Solicitation option type 1: length field 2 (16 bytes) runs past the 8 bytes left in the message",
                rejection(altered(LINUX_NS, p -> p.putU8(65, 2))));
    }

    @Test
    void aLinkLayerOptionOfTheWrongSizeForEthernetIsRejected() {
        var p = Packet.standalone(200);
        RouterAdvertisement.emit(p, PACKOS, ALL_NODES, new RouterAdvertisement.Parameters(0, false, false, 0, 0, 0),
                List.of(new NdpOption.Mtu(1500), new NdpOption.Mtu(1500)));
        assertEquals("Router Advertisement option type 1: length field 2 is not the 1 this option has",
                rejection(altered(hex(p.toByteArray()), q -> { q.putU8(56, 1); q.putU8(57, 2); })));
    }

    @Test
    void aPrefixLongerThan128BitsIsRejected() {
        assertEquals("Router Advertisement option type 3: prefix length field 129 exceeds 128",
                rejection(altered(RA, p -> p.putU8(40 + 32 + 2, 129))));
    }

    @Test
    void unknownOptionsAreSkippedByTheirLength() throws Exception {
        var p = altered(RA, q -> q.putU8(40 + 16, 200));
        var ra = (RouterAdvertisement) Ndp.check(p);
        assertEquals(new NdpOption.Unrecognized(200, 1), ra.options().getFirst());
        assertEquals(Optional.empty(), ra.sourceLinkLayerAddress());
    }

    @Test
    void aMulticastTargetIsRejectedInSolicitationsAndAdvertisements() {
        assertEquals("Neighbor Solicitation: target address field ff02::1 is multicast",
                rejection(altered(LINUX_NS, p -> p.putAddress(48, ALL_NODES))));
        assertEquals("Neighbor Advertisement: target address field ff02::1 is multicast",
                rejection(altered(NA, p -> p.putAddress(48, ALL_NODES))));
    }

    @Test
    void aDuplicateAddressProbeMustGoToASolicitedNodeGroupWithoutALinkLayerAddress() {
        assertEquals("Neighbor Solicitation: a probe from the unspecified source goes to ff02::1, not a solicited-node multicast address",
                rejection(altered(DAD, p -> p.putAddress(24, ALL_NODES))));
        assertEquals("Neighbor Solicitation: source link-layer address option with the unspecified IPv6 source",
                rejection(altered(LINUX_NS, p -> p.putAddress(8, Address.UNSPECIFIED))));
    }

    @Test
    void anAdvertisementToMulticastMustNotBeSolicited() {
        assertEquals("Neighbor Advertisement: solicited flag set on an advertisement to the multicast address ff02::1",
                rejection(altered(NA, p -> p.putAddress(24, ALL_NODES))));
    }

    @Test
    void routerMessagesComeFromLinkLocalAddressesAndAProbeSolicitationCarriesNoAddress() {
        assertEquals("Router Advertisement: IPv6 source address 2001:db8::1 is not link-local",
                rejection(altered(RA, p -> p.putAddress(8, DOC_1))));
        assertEquals("Router Solicitation: source link-layer address option with the unspecified IPv6 source",
                rejection(altered(RS, p -> p.putAddress(8, Address.UNSPECIFIED))));
    }

    @Test
    void redirectIsReadAndItsRulesAreChecked() throws Exception {
        var body = concat(of(Ndp.REDIRECT, 0, 0, 0, 0, 0, 0, 0), FE80_2.toBytes(), DOC_2.toBytes(),
                of(NdpOption.TARGET_LINK_LAYER_ADDRESS, 1), PACKOS_MAC.toBytes(), of(NdpOption.REDIRECTED_HEADER, 2, 0, 0, 0, 0, 0, 0),
                new byte[8]);
        var vector = hex(ipv6(FE80_1, LINUX, Ipv6Header.ICMPV6, body).toByteArray());
        var redirect = (Redirect) Ndp.check(altered(vector, p -> p.putU8(7, 255)));
        assertEquals(FE80_2, redirect.target());
        assertEquals(DOC_2, redirect.destinationAddress());
        assertEquals(Optional.of(PACKOS_MAC), redirect.targetLinkLayerAddress());
        assertEquals(new NdpOption.RedirectedHeader(2, 40 + 40 + 8 + 8, 8), redirect.options().get(1));
        assertEquals("Redirect: IPv6 source address 2001:db8::1 is not link-local",
                rejection(altered(vector, p -> { p.putU8(7, 255); p.putAddress(8, DOC_1); })));
        assertEquals("Redirect: destination address field ff02::1 is multicast",
                rejection(altered(vector, p -> { p.putU8(7, 255); p.putAddress(64, ALL_NODES); })));
        assertEquals("Redirect: target address field 2001:db8::1 is neither link-local nor the destination 2001:db8::2",
                rejection(altered(vector, p -> { p.putU8(7, 255); p.putAddress(48, DOC_1); })));
    }

    @Test
    void otherIcmpTypesAndOtherProtocolsAreNotNdp() {
        assertEquals("NDP: ICMPv6 type field 128 is not a Neighbor Discovery message", rejection(packet(ECHO_REQUEST)));
        assertEquals("NDP: next header 17 is not ICMPv6", rejection(packet(UDP)));
        assertTrue(rejection(Packet.of(new byte[10])).startsWith("IPv6 header"));
    }

    @Test
    void aMessageAfterExtensionHeadersIsFound() throws Exception {
        var icmp = packet(LINUX_NS).copyBytes(40, 32);
        var p = ipv6(LINUX, Ipv6Multicast.solicitedNode(FE80_1), Ipv6Header.DESTINATION_OPTIONS,
                of(Ipv6Header.ICMPV6, 0, 1, 4, 0, 0, 0, 0), icmp);
        p.putU8(7, 255);
        var ns = (NeighborSolicitation) Ndp.check(p);
        assertEquals(48, ns.offset());
        assertEquals(FE80_1, ns.target());
    }
}
