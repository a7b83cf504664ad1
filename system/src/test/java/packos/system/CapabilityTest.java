package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static packos.system.SystemMachine.ms;

import java.util.List;
import java.util.Set;
import packos.kernel.Address;
import packos.kernel.BootProcess;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.timer.TimerReply;
import packos.lib.wire.UdpDatagram;
import org.junit.jupiter.api.Test;

/** A privileged call without its capability is refused with a named error and changes nothing; the caller may go on. */
class CapabilityTest {
    static String attempt(Runnable call) {
        try {
            call.run();
            return "allowed";
        } catch (KernelException e) {
            return e.code().name();
        }
    }

    /** Reaches for the clock's line and another, without capabilities; then uses timers, which ride on the clock. */
    public static final class IrqIntruder implements Program {
        @Override
        public void main(Process self) throws Exception {
            var sys = self.sys();
            SystemMachine.report("intruder", "register 0: " + attempt(() -> sys.registerInterrupt(0, 5000)));
            SystemMachine.report("intruder", "register 9: " + attempt(() -> sys.registerInterrupt(9, 5000)));
            SystemMachine.report("intruder", "acknowledge 0: " + attempt(() -> sys.acknowledgeInterrupt(0)));
            SystemMachine.report("intruder", "unregister 0: " + attempt(() -> sys.unregisterInterrupt(0)));
            var socket = self.net().udp();
            self.timers().open(socket, 1, 10_000, true);
            for (int i = 0; i < 3; i++) SystemMachine.report("intruder ticks", TimerReply.decode(socket.receive().data()).machineTimeNanos());
        }
    }

    /** Holds irq:9 and registers it. */
    public static final class Driver implements Program {
        @Override
        public void main(Process self) {
            SystemMachine.report("driver", "register 9: " + attempt(() -> self.sys().registerInterrupt(9, 5000)));
        }
    }

    @Test
    void registeringAnIrqWithoutItsCapabilityIsCapabilityMissingAndTheClockKeepsTicking() {
        var outcome = new SystemMachine()
                .process("intruder", IrqIntruder.class)
                .add(new BootProcess("driver", Driver.class.getName(), List.of(), Set.of("irq:9"), false, List.of()))
                .process("victim", BasicSchedulerTest.Victim.class)
                .boot().assertClean();
        assertEquals(List.of("register 0: CAPABILITY_MISSING", "register 9: CAPABILITY_MISSING",
                "acknowledge 0: PERMISSION_DENIED", "unregister 0: PERMISSION_DENIED"), SystemMachine.reports("intruder"));
        assertEquals(List.of(ms(10), ms(20), ms(30)), SystemMachine.reports("intruder ticks"));
        assertEquals(List.of("register 9: allowed"), SystemMachine.reports("driver"));
        assertEquals(50, (int) SystemMachine.reported("victim rounds"));
        assertEquals(0, outcome.stats().contextsFaulted());
    }

    /** Asks for the scheduler's calls without capability "scheduler", then gets on with its work. */
    public static final class Pretender implements Program {
        @Override
        public void main(Process self) {
            try {
                self.sys().scheduler();
                SystemMachine.report("pretender", "got the scheduler calls");
            } catch (KernelException e) {
                SystemMachine.report("pretender", e.code().name() + ": " + e.getMessage());
            }
            for (int i = 0; i < 10; i++) self.yield();
            SystemMachine.report("pretender", "finished");
        }
    }

    @Test
    void callingSchedulerWithoutTheCapabilityIsCapabilityMissing() {
        new SystemMachine().process("pretender", Pretender.class).process("victim", BasicSchedulerTest.Victim.class)
                .boot().assertClean();
        assertEquals(List.of("CAPABILITY_MISSING: CapabilityMissing: pretender lacks capability scheduler", "finished"),
                SystemMachine.reports("pretender"));
        assertEquals(50, (int) SystemMachine.reported("victim rounds"));
    }

    /** Port 9: reports each datagram's source and text until "end". */
    public static final class Listener implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp(9);
            SystemMachine.report("listener.address", self.address());
            while (true) {
                var d = socket.receive();
                if (d.text().equals("end")) return;
                SystemMachine.report("heard", d.text() + " from " + d.source());
            }
        }
    }

    /** Sends a datagram claiming to come from fd00:7e8e::99; when refused, fixes the source on the same packet and sends it again. */
    public static final class Spoofer implements Program {
        @Override
        public void main(Process self) {
            var sys = self.sys();
            var listener = (Address) SystemMachine.reported("listener.address");
            var forged = sys.kanPrefix().address().withInterfaceId(0x99);
            var p = sys.allocate();
            byte[] text = "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            UdpDatagram.emit(p, forged, 1234, listener, 9, text, 0, text.length, 64);
            p.setKanDestination(listener);
            SystemMachine.report("spoofer", attempt(() -> sys.send(p, false)));
            SystemMachine.report("spoofer", "still holds the packet: " + p.alive());
            UdpDatagram.emit(p, self.address(), 1234, listener, 9, text, 0, text.length, 64);
            sys.send(p, false);
            SystemMachine.report("spoofer", "still holds the packet after a good send: " + p.alive());
            self.net().udp().send(listener, 9, "end");
        }
    }

    @Test
    void spoofingTheSourceAddressIsSourceNotOwnedAndTheSenderKeepsItsPacket() {
        var outcome = new SystemMachine()
                .process("listener", Listener.class)
                .add(new BootProcess("spoofer", Spoofer.class.getName(), List.of(), Set.of(), false, List.of("listener")))
                .boot().assertClean();
        assertEquals(List.of("SOURCE_NOT_OWNED", "still holds the packet: true", "still holds the packet after a good send: false"),
                SystemMachine.reports("spoofer"));
        var heard = SystemMachine.reports("heard");
        assertEquals(1, heard.size(), heard::toString);
        assertFalse(heard.getFirst().toString().contains("::99"), heard::toString);
        assertEquals(1, outcome.stats().spoofRefused());
    }
}
