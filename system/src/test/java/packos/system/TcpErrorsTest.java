package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.kernel.Packet;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.TcpSocket;
import packos.lib.sched.ControlProtocol;
import packos.lib.sched.ControlReply;
import packos.lib.sched.ControlRequest;
import packos.lib.wire.Icmpv6;
import org.junit.jupiter.api.Test;

/** TCP's failures as a program sees them: ICMPv6 refusals, and the control server's protocol errors. */
class TcpErrorsTest {
    static final Address PEER = Address.parse("fd00:7e8e::3");

    /** A host with no TCP at all: it answers every packet with ICMPv6 port unreachable quoting it, as some stacks do. */
    public static final class IcmpRefuser implements Program {
        @Override
        public void main(Process self) {
            var sys = self.sys();
            while (true) {
                Packet p = sys.receive();
                Address from = p.address(8);
                Icmpv6.emitError(p, self.address(), Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.PORT_UNREACHABLE, 0, p, p.length());
                self.net().send(p, false);
                SystemMachine.report("refuser.answered", from.toString());
            }
        }
    }

    public static final class Connector implements Program {
        @Override
        public void main(Process self) {
            try {
                self.net().connect(PEER, 80);
                SystemMachine.report("connect", "connected?!");
            } catch (KernelException e) {
                SystemMachine.report("connect", e.code());
                SystemMachine.report("connect.ms", self.now() / 1_000_000);
            }
        }
    }

    @Test
    void anIcmpPortUnreachableAnsweringTheSynRefusesTheConnectAtOnce() {
        var out = new SystemMachine().daemon("refuser", IcmpRefuser.class).process("client", Connector.class).boot().assertClean();
        assertEquals(ErrorCode.CONNECTION_REFUSED, SystemMachine.reported("connect"), out::consoleText);
        // Refused on the first SYN's answer, not after the SYN retransmissions time out.
        assertEquals(0L, (long) SystemMachine.<Long>reported("connect.ms"));
    }

    /** Sends raw control requests to the scheduler's TCP 4000 and reports each reply and whether the server then closed. */
    public static final class ControlProber implements Program {
        @Override
        public void main(Process self) throws Exception {
            for (var r : List.of(new ControlRequest(2, ControlProtocol.REPORT_INITED, 7), new ControlRequest(ControlProtocol.VERSION, 99, 8),
                    new ControlRequest(ControlProtocol.VERSION, ControlProtocol.INVALID, 9))) {
                try (TcpSocket s = self.net().connect(self.sys().schedulerAddress(), ControlProtocol.PORT)) {
                    var bytes = r.encode();
                    // Split the request in two writes: the server must put the pieces together.
                    s.write(bytes, 0, 3);
                    s.write(bytes, 3, bytes.length - 3);
                    var answer = new byte[ControlProtocol.REPLY_LENGTH];
                    s.readFully(answer, 0, answer.length);
                    var reply = ControlReply.decode(answer);
                    SystemMachine.report("reply", reply.requestId() + ":" + ErrorCode.fromNumber(reply.error()));
                    SystemMachine.report("closed", s.read(new byte[1], 0, 1) == -1);
                }
            }
        }
    }

    @Test
    void theControlServerAnswersBadVersionsAndCommandsWithTheirErrorsAndCloses() {
        var out = new SystemMachine().process("prober", ControlProber.class).boot().assertClean();
        assertEquals(List.of("7:WRONG_PROTOCOL_VERSION", "8:BAD_PROTOCOL_CMD", "9:BAD_PROTOCOL_CMD"), SystemMachine.reports("reply"), out::consoleText);
        assertEquals(List.of(true, true, true), SystemMachine.reports("closed"));
    }
}
