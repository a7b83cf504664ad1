package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import packos.kernel.Address;
import packos.kernel.BootProcess;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.sched.ControlProtocol;
import packos.lib.sched.ControlReply;
import packos.lib.sched.ControlRequest;
import packos.lib.sched.SchedulerControl;
import packos.kernel.ErrorCode;
import packos.lib.net.TcpSocket;

/**
 * Capability {@code spawn}: its holder asks the scheduler for new processes (control protocol
 * Spawn) and learns their addresses; the children hold no capability, whatever their parent holds;
 * a process without it is refused with CAPABILITY_MISSING and nothing starts; a program that
 * cannot be loaded or a malformed request is refused, and the asker goes on.
 */
class SpawnTest {
    /** Says who it is and where, then tries the privileges its parent has. */
    public static final class Child implements Program {
        @Override
        public void main(Process self) {
            SystemMachine.report("child", self.name() + " at " + self.address() + " args " + self.args());
            SystemMachine.report("child irq", CapabilityTest.attempt(() -> self.sys().registerInterrupt(9, 5000)));
            SystemMachine.report("child spawn", CapabilityTest.attempt(() -> SchedulerControl.spawn(self, Child.class.getName(), List.of())));
        }
    }

    /** Spawns two children and reports their addresses, then a program that does not exist. */
    public static final class Parent implements Program {
        @Override
        public void main(Process self) {
            for (var arg : List.of("one", "two")) {
                Address a = SchedulerControl.spawn(self, Child.class.getName(), List.of(arg, "and more"));
                SystemMachine.report("spawned", a.toString());
            }
            SystemMachine.report("missing", CapabilityTest.attempt(() -> SchedulerControl.spawn(self, "no.such.Program", List.of())));
            for (int i = 0; i < 20; i++) self.yield();
        }
    }

    /** Asks without the capability, then does its own work. */
    public static final class Pretender implements Program {
        @Override
        public void main(Process self) {
            // Asked in a loop, refused every time; the scheduler says so once, not once a request.
            for (int i = 0; i < 50; i++) {
                SystemMachine.report("pretender", CapabilityTest.attempt(() -> SchedulerControl.spawn(self, Child.class.getName(), List.of())));
            }
            SystemMachine.report("pretender", "finished");
        }
    }

    /** Sends a spawn whose payload is not NUL-ended strings, then one with an overlong length field. */
    public static final class Garbler implements Program {
        @Override
        public void main(Process self) throws Exception {
            try (TcpSocket s = self.net().connect(self.sys().schedulerAddress(), ControlProtocol.PORT)) {
                s.write(new ControlRequest(ControlProtocol.VERSION, ControlProtocol.SPAWN, 5, 3).encode());
                s.write(new byte[] {'a', 'b', 'c'});
                var answer = new byte[ControlProtocol.REPLY_LENGTH];
                s.readFully(answer, 0, answer.length);
                SystemMachine.report("garbled", ErrorCode.fromNumber(ControlReply.decode(answer).error()).name());
            }
            try (TcpSocket s = self.net().connect(self.sys().schedulerAddress(), ControlProtocol.PORT)) {
                var request = new ControlRequest(ControlProtocol.VERSION, ControlProtocol.SPAWN, 6, 0).encode();
                request[6] = (byte) 0xff;
                request[7] = (byte) 0xff;
                s.write(request);
                var answer = new byte[ControlProtocol.REPLY_LENGTH];
                s.readFully(answer, 0, answer.length);
                SystemMachine.report("garbled", ErrorCode.fromNumber(ControlReply.decode(answer).error()).name());
            }
        }
    }

    @Test
    void aHolderOfSpawnStartsChildrenThatHoldNoCapabilityAndOthersAreRefused() {
        var outcome = new SystemMachine()
                .add(new BootProcess("parent", Parent.class.getName(), List.of(), Set.of("spawn", "irq:9"), false, List.of()))
                .process("pretender", Pretender.class)
                .process("garbler", Garbler.class)
                .boot().assertClean();
        var spawned = SystemMachine.reports("spawned");
        assertEquals(2, spawned.size(), outcome::consoleText);
        var children = SystemMachine.reports("child").stream().map(Object::toString).sorted().toList();
        assertEquals(List.of("parent.1 at " + spawned.get(0) + " args [one, and more]", "parent.2 at " + spawned.get(1) + " args [two, and more]"),
                children, outcome::consoleText);
        // The parent holds irq:9 and spawn; its children hold neither.
        assertEquals(List.of("CAPABILITY_MISSING", "CAPABILITY_MISSING"), SystemMachine.reports("child irq"));
        assertEquals(List.of("CAPABILITY_MISSING", "CAPABILITY_MISSING"), SystemMachine.reports("child spawn"));
        assertEquals(List.of("DOES_NOT_EXIST"), SystemMachine.reports("missing"));
        var refusals = new java.util.ArrayList<Object>(java.util.Collections.nCopies(50, "CAPABILITY_MISSING"));
        refusals.add("finished");
        assertEquals(refusals, SystemMachine.reports("pretender"));
        assertEquals(List.of("PROTOCOL_ERROR", "PROTOCOL_ERROR"), SystemMachine.reports("garbled"));
        assertTrue(outcome.console().contains("[scheduler] parent spawned parent.1 (" + Child.class.getName() + ") at " + spawned.get(0)),
                outcome::consoleText);
        assertEquals(List.of("[scheduler] pretender asked to spawn " + Child.class.getName() + " without capability spawn: refused"
                + " (further refusals are not reported)"), outcome.console().stream().filter(l -> l.contains("pretender asked")).toList(),
                outcome::consoleText);
        assertEquals(0, outcome.stats().contextsFaulted(), outcome::consoleText);
    }
}
