package packos.lib.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.lib.wire.MalformedPacketException;

class PciProtocolTest {
    static final PciDevice CARD = new PciDevice(0, 3, 0, 0, 0x10ec, 0x8139, 2, 0, 0, 0x10, 0x0007, 0x0010, 1, 11, 11,
            List.of(PciBar.io(0xc000, 256), PciBar.memory(0xfeb00000L, 256, false), PciBar.NONE, PciBar.memory(0xf0000000L, 1 << 20, true),
                    PciBar.NONE, PciBar.NONE),
            Address.parse("fd00:7e8e::4"));

    @Test
    void everyRequestSurvivesARoundTripInTwentyEightBytes() throws Exception {
        var all = List.<PciRequest>of(new PciRequest.SetFilter(1, PciFilter.of(0x10ec, 0x8139, 2)), new PciRequest.SetFilter(2, PciFilter.EVERYTHING),
                new PciRequest.GetNumDevices(3), new PciRequest.GetDevice(4, 0), new PciRequest.ReserveDevice(5, 7),
                new PciRequest.ReleaseDevice(-6, 1), new PciRequest.EnableDevice(7, 0, true, false, true), new PciRequest.EnableDevice(8, 2, false, true, false));
        for (var r : all) {
            byte[] bytes = r.encode();
            assertEquals(PciProtocol.REQUEST_LENGTH, bytes.length);
            assertEquals(r, PciRequest.decode(bytes));
        }
    }

    @Test
    void requestFieldsAreInNetworkByteOrder() {
        byte[] b = new PciRequest.GetDevice(0x01020304, 5).encode();
        assertEquals(List.of(0, 0, 0, 3, 1, 2, 3, 4, 0, 0, 0, 5), bytes(b, 12));
        byte[] f = new PciRequest.SetFilter(1, PciFilter.of(0x10ec, PciProtocol.ANY, 2)).encode();
        assertEquals(List.of(0, 0, 0x10, 0xec, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 2), bytes(f, 20).subList(8, 20));
    }

    @Test
    void everyReplySurvivesARoundTripInOneHundredFortyFourBytes() throws Exception {
        var all = List.of(new PciReply(1, 1, ErrorCode.NONE, new PciReply.Empty()), new PciReply(2, 2, ErrorCode.NONE, new PciReply.Count(3)),
                new PciReply(3, 3, ErrorCode.NONE, new PciReply.Device(CARD)), new PciReply(4, 4, ErrorCode.NONE, new PciReply.Granted(true)),
                new PciReply(5, 5, ErrorCode.NONE, new PciReply.Granted(false)), new PciReply(6, 6, ErrorCode.NONE, new PciReply.Granted(true)),
                PciReply.refused(4, 9, ErrorCode.RESOURCE_IN_USE), PciReply.refused(77, 10, ErrorCode.BAD_PROTOCOL_CMD));
        for (var r : all) {
            byte[] bytes = r.encode();
            assertEquals(PciProtocol.REPLY_LENGTH, bytes.length);
            assertEquals(r, PciReply.decode(bytes));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "short|27|PCI request: 27 bytes, expected 28",
            "long|29|PCI request: 29 bytes, expected 28",
            "unknown op|op=9|PCI request: unknown op 9 (expected 1..6)",
            "op zero|op=0|PCI request: unknown op 0 (expected 1..6)",
            "reserved set after an index|3:27=1|PCI request op 3: reserved bytes after 12 are not zero",
            "reserved set in GetNumDevices|2:8=1|PCI request op 2: reserved bytes after 8 are not zero",
            "index beyond 2^31-1|3:8=128|PCI request op 3: device index 2147483648 is beyond 2^31-1",
            "filter vendor out of range|1:9=1|PCI request op 1: filter vendor 65536 is neither -1 (any) nor in 0..0xffff",
            "filter class out of range|1:18=1|PCI request op 1: filter baseClass 256 is neither -1 (any) nor in 0..0xff",
            "negative filter value other than any|1:8=255|PCI request op 1: filter vendor -16777216 is neither -1 (any) nor in 0..0xffff",
            "unknown enable flag|6:15=8|PCI request EnableDevice: unknown flags 0x8"})
    void aMalformedRequestIsRefusedNamingTheField(String what, String how, String message) {
        byte[] b = malformed(how);
        var e = assertThrows(MalformedPacketException.class, () -> PciRequest.decode(b));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aRefusalIsABadCommandForAnUnknownOpAndABadArgumentOtherwise() {
        assertEquals(ErrorCode.BAD_PROTOCOL_CMD, PciRequest.refusal(malformed("op=9")));
        assertEquals(ErrorCode.INVALID_ARGUMENT, PciRequest.refusal(malformed("6:15=8")));
        assertEquals(ErrorCode.PROTOCOL_ERROR, PciRequest.refusal(malformed("27")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "short|143|PCI reply: 143 bytes, expected 144",
            "unknown error|11=200|PCI reply: unknown error number 200",
            "count with trailing bytes|op2:16=1|PCI reply op 2: body bytes after 4 are not zero",
            "granted flag not boolean|op4:12=2|PCI reply: granted flag 2 is not 0 or 1",
            "device reserved byte|op3:31=1|PCI device: reserved byte 19 is 1, not 0",
            "device number out of range|op3:13=32|PCI device: device 32 is not in 0..31",
            "bar kind unknown|op3:32=3|PCI device: BAR0 kind 3 is not 0 (none), 1 (I/O) or 2 (memory)",
            "bar size not a power of two|op3:39=3|PCI device: BAR0: BAR size 259 is not a power of two in 1..2^32-1",
            "io bar prefetchable|op3:33=1|PCI device: BAR0: an I/O BAR is never prefetchable",
            "error reply with a body|err:12=1|PCI reply op 4: body bytes after 0 are not zero"})
    void aMalformedReplyIsRefusedNamingTheField(String what, String how, String message) {
        byte[] b;
        if (how.matches("\\d+")) {
            b = new byte[Integer.parseInt(how)];
        } else if (how.startsWith("op") || how.startsWith("err")) {
            var base = switch (how.substring(0, how.indexOf(':'))) {
                case "op2" -> new PciReply(2, 1, ErrorCode.NONE, new PciReply.Count(1));
                case "op4" -> new PciReply(4, 1, ErrorCode.NONE, new PciReply.Granted(true));
                case "err" -> PciReply.refused(4, 1, ErrorCode.RESOURCE_IN_USE);
                default -> new PciReply(3, 1, ErrorCode.NONE, new PciReply.Device(CARD));
            };
            b = base.encode();
            poke(b, how.substring(how.indexOf(':') + 1));
        } else {
            b = new PciReply(1, 1, ErrorCode.NONE, new PciReply.Empty()).encode();
            poke(b, how);
        }
        var e = assertThrows(MalformedPacketException.class, () -> PciReply.decode(b));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aFilterPassesOnlyWhatItNames() {
        assertEquals(true, PciFilter.of(0x10ec, 0x8139, 2).matches(CARD));
        assertEquals(false, PciFilter.of(0x10ec, 0x8139, 3).matches(CARD));
        assertEquals(false, new PciFilter(PciProtocol.ANY, PciProtocol.ANY, PciProtocol.ANY, PciProtocol.ANY, 1).matches(CARD));
        assertEquals(true, PciFilter.EVERYTHING.matches(CARD));
    }

    /** "27": that many zero bytes; "op=N": a GetNumDevices with op N; "OP:I=V": a request of op OP with byte I set to V. */
    private static byte[] malformed(String how) {
        if (how.matches("\\d+")) return new byte[Integer.parseInt(how)];
        if (how.startsWith("op=")) {
            byte[] b = new PciRequest.GetNumDevices(1).encode();
            PciProtocol.put32(b, 0, Integer.parseInt(how.substring(3)));
            return b;
        }
        int op = Integer.parseInt(how.substring(0, how.indexOf(':')));
        byte[] b = switch (op) {
            case 1 -> new PciRequest.SetFilter(1, PciFilter.of(0, 0, 0)).encode();
            case 6 -> new PciRequest.EnableDevice(1, 0, false, false, false).encode();
            case 2 -> new PciRequest.GetNumDevices(1).encode();
            default -> new PciRequest.GetDevice(1, 0).encode();
        };
        if (op == 1) for (int i = 8; i < 28; i++) b[i] = 0;
        poke(b, how.substring(how.indexOf(':') + 1));
        return b;
    }

    private static void poke(byte[] b, String assignment) {
        int eq = assignment.indexOf('=');
        b[Integer.parseInt(assignment.substring(0, eq))] = (byte) Integer.parseInt(assignment.substring(eq + 1));
    }

    private static List<Integer> bytes(byte[] b, int n) {
        var out = new java.util.ArrayList<Integer>();
        for (int i = 0; i < n; i++) out.add(b[i] & 0xFF);
        return out;
    }
}
