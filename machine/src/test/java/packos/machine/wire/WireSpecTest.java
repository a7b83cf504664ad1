package packos.machine.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import packos.machine.wire.WireSpec.Guest;
import packos.machine.wire.WireSpec.HostForward;

class WireSpecTest {
    private static InetSocketAddress at(String literal, int port) {
        return new InetSocketAddress(InetAddress.ofLiteral(literal), port);
    }

    private static String refusal(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> WireSpec.parse(spec)).getMessage();
    }

    @Test
    void noneParsesToNone() {
        assertEquals(new WireSpec.None(), WireSpec.parse("none"));
    }

    @Test
    void loopbackParsesToTheLoopbackPlugAndDescribesItselfTheSameWay() {
        assertEquals(new WireSpec.Loopback(), WireSpec.parse("loopback"));
        assertEquals("loopback", WireSpec.parse("loopback").describe());
    }

    @Test
    void echoParsesToTheEchoHostWhichTheHostOpens() {
        assertEquals(new WireSpec.Echo(), WireSpec.parse("echo"));
        assertEquals("echo", WireSpec.parse("echo").describe());
        // Its backend speaks IPv6 through the library, above this module.
        assertTrue(!(WireSpec.parse("echo") instanceof WireSpec.Backed));
    }

    @Test
    void tapTakesALinuxInterfaceName() {
        assertEquals(new WireSpec.Tap("tap0"), WireSpec.parse("tap:tap0"));
        assertEquals(new WireSpec.Tap("a.b-c_D.123456"), WireSpec.parse("tap:a.b-c_D.123456"));
        assertEquals("tap:tap0", WireSpec.parse("tap:tap0").describe());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tap:|\"\"",
            "tap:sixteen-chars-xy|\"sixteen-chars-xy\"",
            "tap:tap/0|\"tap/0\"",
            "tap:tap 0|\"tap 0\"",
            "tap:tap:0|\"tap:0\"",
            "tap:..|\"..\""})
    void tapRefusesANameLinuxWouldRefuse(String spec, String quoted) {
        var message = refusal(spec);
        assertTrue(message.startsWith("tap: bad interface name " + quoted), message);
        assertTrue(message.contains("1-15 characters of A-Z a-z 0-9 _ . -"), message);
    }

    @Test
    void aTapWireRefusesANameLinuxWouldRefuseBeforeAskingLinux() {
        // No root needed: the name is judged before /dev/net/tun is opened.
        var error = assertThrows(IllegalArgumentException.class, () -> TapWire.open("tap/0"));
        assertTrue(error.getMessage().startsWith("tap: bad interface name \"tap/0\""), error.getMessage());
    }

    @Test
    void udpTakesIpv6InBracketsAndIpv4() {
        assertEquals(new WireSpec.Udp(at("::1", 7000), at("::1", 7001)), WireSpec.parse("udp:[::1]:7000,[::1]:7001"));
        assertEquals(new WireSpec.Udp(at("127.0.0.1", 7000), at("127.0.0.2", 7001)),
                WireSpec.parse("udp:127.0.0.1:7000,127.0.0.2:7001"));
        assertEquals(new WireSpec.Udp(at("::", 0), at("fd00::1", 9)), WireSpec.parse("udp:[::]:0,[fd00::1]:9"));
    }

    @Test
    void udpDescribesItselfInTheFormItParses() {
        for (var spec : List.of("udp:[::1]:7000,[::1]:7001", "udp:[2001:db8::1:0:0:1]:1,[fe80::1]:2",
                "udp:127.0.0.1:7000,10.0.0.2:7001")) {
            assertEquals(spec, WireSpec.parse(spec).describe());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "udp:[::1]:7000",
            "udp:",
            "udp:[::1]:7000,",
            "udp:,[::1]:7000",
            "udp:[::1]:7000,[::1]:7001,[::1]:7002"})
    void udpWithoutTwoAddressesSaysWhatItExpects(String spec) {
        assertEquals("udp: expected LOCAL_ADDR:PORT,REMOTE_ADDR:PORT, got \"" + spec + "\"", refusal(spec));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "udp:[::1]:70000,[::1]:7001|udp: bad local port \"70000\": expected 0-65535",
            "udp:[::1]:7000,[::1]:x|udp: bad remote port \"x\": expected 0-65535",
            "udp:[::1]:,[::1]:7001|udp: bad local port \"\": expected 0-65535",
            "udp:[::1]:7000,[::1]:0|udp: bad remote port 0 in \"[::1]:0\": expected 1-65535",
            "udp:[::1]:-1,[::1]:7001|udp: bad local port \"-1\": expected 0-65535"})
    void udpRefusesABadPort(String spec, String message) {
        assertEquals(message, refusal(spec));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "udp:::1:7000,[::1]:7001|udp: bad local address \"::1\"",
            "udp:localhost:7000,[::1]:7001|udp: bad local address \"localhost\"",
            "udp:[::1]:7000,[127.0.0.1]:7001|udp: bad remote address \"[127.0.0.1]\"",
            "udp:[::1]:7000,127.1:7001|udp: bad remote address \"127.1\"",
            "udp:[::1]:7000,[::g]:7001|udp: bad remote address \"[::g]\"",
            "udp:[::1]:7000,1.2.3:7001|udp: bad remote address \"1.2.3\""})
    void udpRefusesAnythingButAnAddressLiteral(String spec, String start) {
        var message = refusal(spec);
        assertTrue(message.startsWith(start), message);
        assertTrue(message.endsWith("in \"" + spec + "\""), message);
    }

    @Test
    void udpAddressWithoutPortIsNamed() {
        assertEquals("udp: local address \"[::1]7000\" has no port: expected ADDR:PORT, IPv6 in brackets ([::1]:7000), in \"udp:[::1]7000,[::1]:7001\"",
                refusal("udp:[::1]7000,[::1]:7001"));
        assertEquals("udp: local address \"127.0.0.1\" has no port: expected ADDR:PORT, IPv6 in brackets ([::1]:7000), in \"udp:127.0.0.1,[::1]:7001\"",
                refusal("udp:127.0.0.1,[::1]:7001"));
    }

    @Test
    void userParsesHostForwardsWithOptionalAddresses() throws Exception {
        var spec = WireSpec.parse("user,hostfwd=tcp::8080-:80,hostfwd=tcp::8443-[fd00:7e8e::3]:443,hostfwd=tcp:127.0.0.1:2222-:22");
        var guest = (java.net.Inet6Address) InetAddress.ofLiteral("fd00:7e8e::3");
        assertEquals(new WireSpec.User(List.of(
                new HostForward(Optional.empty(), 8080, new Guest.Workload(), 80),
                new HostForward(Optional.empty(), 8443, new Guest.At(guest), 443),
                new HostForward(Optional.of(InetAddress.ofLiteral("127.0.0.1")), 2222, new Guest.Workload(), 22))), spec);
        assertEquals("user,hostfwd=tcp::8080-:80,hostfwd=tcp::8443-[fd00:7e8e::3]:443,hostfwd=tcp:127.0.0.1:2222-:22", spec.describe());
    }

    @Test
    void aForwardsGuestMayBeAProcessNameWithDashesOfItsOwn() {
        var spec = WireSpec.parse("user,hostfwd=tcp::8080-server:80,hostfwd=tcp:[::1]:8081-web-2.a:81");
        assertEquals(new WireSpec.User(List.of(
                new HostForward(Optional.empty(), 8080, new Guest.Process("server"), 80),
                new HostForward(Optional.of(InetAddress.ofLiteral("::1")), 8081, new Guest.Process("web-2.a"), 81))), spec);
        assertEquals("user,hostfwd=tcp::8080-server:80,hostfwd=tcp:[::1]:8081-web-2.a:81", spec.describe());
        assertEquals("[::]:8080", ((WireSpec.User) spec).forwards().get(0).describeHost());
        assertEquals("[::1]:8081", ((WireSpec.User) spec).forwards().get(1).describeHost());
    }

    @Test
    void userWithoutForwardsIsOutboundOnly() {
        assertEquals(new WireSpec.User(List.of()), WireSpec.parse("user"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "user,net=10.0.0.0/8|user: unknown option \"net=10.0.0.0/8\"",
            "user,hostfwd=sctp::53-:53|hostfwd: protocol \"sctp\" is not forwarded, only tcp and udp",
            "user,hostfwd=tcp::8080|hostfwd: expected tcp|udp:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT, got \"tcp::8080\"",
            "user,hostfwd=tcp:8080-80|hostfwd: expected tcp|udp:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT, got \"tcp:8080-80\"",
            "user,dumbfs=|user: dumbfs= names no directory",
            "user,dumbfs=a,dumbfs=b|user: dumbfs= given twice",
            "user,hostfwd=udp::53-:53,hostfwd=udp::53-:54|user: host port 53 is forwarded twice",
            "user,hostfwd=tcp::0-:80|hostfwd: bad host port \"0\": expected 1-65535",
            "user,hostfwd=tcp::8080-:99999|hostfwd: bad guest port \"99999\": expected 1-65535",
            "user,hostfwd=tcp::8080-10.0.0.3:80|hostfwd: bad guest address \"10.0.0.3\": expected an IPv6 literal in brackets (PackOS addresses are IPv6)",
            "user,hostfwd=tcp:example.org:8080-:80|hostfwd: bad host address \"example.org\"",
            "user,hostfwd=tcp::8080-Server:80|hostfwd: bad guest address \"Server\": expected an IPv6 literal in brackets (PackOS addresses are IPv6) or a process name ([a-z0-9][a-z0-9._-]{0,63})",
            "user,hostfwd=tcp::8080-fd00::3:80|hostfwd: bad guest address \"fd00::3\"",
            "user,hostfwd=tcp::8080-[server]:80|hostfwd: bad guest address \"[server]\"",
            "user,hostfwd=tcp::8080-:80,hostfwd=tcp::8080-:81|user: host port 8080 is forwarded twice"})
    void userRefusesABadForwardAndSaysWhy(String spec, String start) {
        var message = refusal(spec);
        assertTrue(message.startsWith(start), message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"slirp|slirp", "tun:tap0|tun", "usr,hostfwd=tcp::1-:1|usr", "|\"\"", "None|None"})
    void anUnknownKindIsNamedWithTheKindsThereAre(String spec, String kind) {
        var message = refusal(spec == null ? "" : spec);
        var expectedKind = kind.equals("\"\"") ? "" : kind;
        assertEquals("unknown wire \"" + expectedKind + "\": expected tap:IFNAME, udp:LOCAL_ADDR:PORT,REMOTE_ADDR:PORT, "
                + "user[,hostfwd=tcp|udp:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT...][,dumbfs=DIR], echo, loopback or none", message);
    }

    @Test
    void userTakesUdpForwardsBesideTcpOnTheSamePortAndADumbFsDirectory() {
        var spec = (WireSpec.User) WireSpec.parse("user,hostfwd=tcp::5000-:50,hostfwd=udp:127.0.0.1:5000-server:50,dumbfs=/srv/files");
        assertEquals(WireSpec.HostForward.Protocol.UDP, spec.forwards().get(1).protocol());
        assertEquals(java.util.Optional.of("/srv/files"), spec.dumbfs());
        assertEquals("user,hostfwd=tcp::5000-:50,hostfwd=udp:127.0.0.1:5000-server:50,dumbfs=/srv/files", spec.describe());
    }

    @Test
    void onlyKindsWithABackendCanBeOpened() throws Exception {
        // The compiler enforces it: User is not Backed. Here, the ones that are open to their wires.
        assertTrue(WireSpec.parse("none") instanceof WireSpec.Backed);
        assertTrue(!(WireSpec.parse("user") instanceof WireSpec.Backed));
        try (var wire = new WireSpec.None().open()) {
            assertEquals("none", wire.describe());
        }
    }
}
