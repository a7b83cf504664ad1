package packos.lib.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.wire.Icmpv6;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.MalformedPacketException;
import org.junit.jupiter.api.Test;

/** The ICMPv6 a process's stack answers with: echo replies, and Parameter Problems about headers it cannot process. */
class IcmpAnswerTest {
    private static final int SERVER = 0;

    public static final class Pinger implements Program {
        @Override
        public void main(Process self) {
            var replies = self.net().ping(NetMachine.addressOf(SERVER), 0x1234, 7, "are you there?".getBytes());
            NetMachine.report("reply", replies.receive());
            var socket = self.net().udp();
            socket.send(NetMachine.addressOf(SERVER), EchoServer.PORT, EchoServer.STATS);
            NetMachine.report("stats", socket.receive().text());
        }
    }

    @Test
    void echoRequestToAProcessIsAnsweredWithItsIdentifierSequenceAndData() {
        new NetMachine().daemon("server", EchoServer.class).process("pinger", Pinger.class).boot().assertClean();
        Datagram reply = NetMachine.reported("reply");
        assertEquals(NetMachine.addressOf(SERVER), reply.source());
        assertEquals(NetMachine.addressOf(1), reply.destination());
        assertEquals(0x1234, reply.sourcePort(), "the identifier");
        assertEquals(7, reply.destinationPort(), "the sequence number");
        assertEquals("are you there?", reply.text());
        String stats = NetMachine.reported("stats");
        assertEquals(1, EchoServer.stat(stats, "echoAnswered"), stats);
    }

    /**
     * Sends the packet its first argument names, raw, to the server (its IPv6 destination is the
     * second argument, or the server), then a raw UDP request for the server's stats. Reports what
     * it sent, every ICMPv6 answer that came before the stats, and the stats.
     */
    public static final class Prober implements Program {
        @Override
        public void main(Process self) {
            var sys = self.sys();
            var server = NetMachine.addressOf(SERVER);
            var destination = self.args().size() > 1 ? Address.parse(self.args().get(1)) : server;
            Packet p = switch (self.arg(0, "")) {
                case "next-header-253" -> Raw.ipv6(sys, destination, 253, Raw.of(1, 2, 3, 4, 5, 6, 7, 8));
                // Option type 0x80: its top bits 10 say "discard and answer, even to multicast".
                case "hop-by-hop-option-10" -> Raw.ipv6(sys, destination, Ipv6Header.HOP_BY_HOP, Raw.of(59, 0, 0x80, 4, 0, 0, 0, 0));
                // Option type 0xc2: top bits 11 say "discard, and answer unless the destination is multicast".
                case "destination-option-11" -> Raw.ipv6(sys, destination, Ipv6Header.DESTINATION_OPTIONS, Raw.of(59, 0, 1, 0, 0xc2, 2, 0, 0));
                case "routing-segments-left" -> Raw.ipv6(sys, destination, Ipv6Header.ROUTING, Raw.of(59, 0, 4, 1, 0, 0, 0, 0));
                default -> throw new IllegalArgumentException(self.arg(0, ""));
            };
            p.setKanDestination(server);
            NetMachine.report("sent", p.toByteArray());
            sys.send(p, true);
            byte[] request = Raw.udp(self.address(), 5000, server, EchoServer.PORT, EchoServer.STATS.getBytes(StandardCharsets.UTF_8));
            sys.send(Raw.ipv6(sys, server, Ipv6Header.UDP, request), true);
            while (true) {
                Packet answer = sys.receive();
                byte[] bytes = answer.toByteArray();
                sys.free(answer);
                if (bytes[6] == Ipv6Header.UDP) {
                    NetMachine.report("stats", new String(bytes, 48, bytes.length - 48, StandardCharsets.UTF_8));
                    break;
                }
                NetMachine.report("answer", bytes);
            }
        }
    }

    /** Runs the prober and checks its answer is one Parameter Problem from the server quoting the whole packet. */
    private static Icmpv6 parameterProblemFor(String... probe) throws MalformedPacketException {
        new NetMachine().daemon("server", EchoServer.class).process("prober", Prober.class, probe).boot().assertClean();
        byte[] sent = NetMachine.reported("sent");
        var answer = Packet.of(NetMachine.reported("answer"));
        var ip = Ipv6Header.check(answer);
        assertEquals(Ipv6Header.ICMPV6, ip.nextHeader());
        assertEquals(NetMachine.addressOf(SERVER), ip.source(), "answered from the server's unicast address");
        assertEquals(NetMachine.addressOf(1), ip.destination());
        var icmp = Icmpv6.check(answer, Ipv6Header.LENGTH, ip.payloadLength());
        assertTrue(icmp.hasValidChecksum(ip.source(), ip.destination()), "ICMPv6 checksum");
        assertEquals(Icmpv6.PARAMETER_PROBLEM, icmp.type());
        assertArrayEquals(sent, icmp.invokingPacket(), "the error quotes the whole offending packet");
        String stats = NetMachine.reported("stats");
        assertEquals(1, EchoServer.stat(stats, "parameterProblems"), stats);
        assertEquals(1, EchoServer.stat(stats, "icmpSent"), stats);
        return icmp;
    }

    /** Runs the prober against a multicast destination and checks nothing answered it. */
    private static String unansweredToMulticast(String probe) {
        new NetMachine().daemon("server", EchoServer.class).process("prober", Prober.class, probe, "ff02::1").boot().assertClean();
        assertEquals(List.of(), NetMachine.reports("answer"));
        String stats = NetMachine.reported("stats");
        assertEquals(0, EchoServer.stat(stats, "icmpSent"), stats);
        return stats;
    }

    @Test
    void unknownNextHeaderIsAnsweredWithParameterProblemCode1PointingAtTheNextHeaderField() throws Exception {
        var icmp = parameterProblemFor("next-header-253");
        assertEquals(Icmpv6.UNRECOGNIZED_NEXT_HEADER, icmp.code());
        assertEquals(6, icmp.pointer());
    }

    @Test
    void hopByHopOptionWithActionBits10IsAnsweredWithParameterProblemCode2PointingAtTheOption() throws Exception {
        var icmp = parameterProblemFor("hop-by-hop-option-10");
        assertEquals(Icmpv6.UNRECOGNIZED_OPTION, icmp.code());
        assertEquals(42, icmp.pointer());
    }

    @Test
    void destinationOptionWithActionBits11ToAUnicastAddressIsAnsweredWithParameterProblemCode2() throws Exception {
        var icmp = parameterProblemFor("destination-option-11");
        assertEquals(Icmpv6.UNRECOGNIZED_OPTION, icmp.code());
        assertEquals(44, icmp.pointer(), "the option after a PadN");
    }

    @Test
    void routingHeaderWithSegmentsLeftIsAnsweredWithParameterProblemCode0PointingAtTheRoutingType() throws Exception {
        var icmp = parameterProblemFor("routing-segments-left");
        assertEquals(Icmpv6.ERRONEOUS_HEADER_FIELD, icmp.code());
        assertEquals(42, icmp.pointer());
    }

    @Test
    void unknownNextHeaderToAMulticastAddressIsNotAnswered() {
        String stats = unansweredToMulticast("next-header-253");
        assertEquals(1, EchoServer.stat(stats, "parameterProblems"), stats);
    }

    @Test
    void destinationOptionWithActionBits11ToAMulticastAddressIsDroppedSilently() {
        String stats = unansweredToMulticast("destination-option-11");
        assertEquals(1, EchoServer.stat(stats, "malformed"), stats);
    }

    @Test
    void hopByHopOptionWithActionBits10ToAMulticastAddressIsAnsweredAllTheSame() throws Exception {
        var icmp = parameterProblemFor("hop-by-hop-option-10", "ff02::1");
        assertEquals(Icmpv6.UNRECOGNIZED_OPTION, icmp.code());
        assertEquals(42, icmp.pointer());
    }
}
