package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import packos.kernel.Address;
import packos.kernel.BootProcess;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.TcpSocket;
import packos.lib.pci.PciBar;
import packos.lib.pci.PciClient;
import packos.lib.pci.PciDevice;
import packos.lib.pci.PciFilter;
import packos.lib.pci.PciProtocol;
import packos.lib.pci.PciReply;
import packos.lib.pci.PciRequest;
import packos.machine.BoardDescription;
import packos.machine.wire.LoopbackPlug;
import packos.system.pci.PciService;

/** The PCI service over the KAN: the listing, filters, reservations, enabling, routing, and bad requests among good ones. */
class PciServiceTest {
    static final Address SERVICE = Address.parse("fd00:7e8e::3");

    static BootProcess service() {
        return new BootProcess("pci", PciService.class.getName(), List.of(), Set.of("device:pci"), true, List.of()).withReportsInit(true);
    }

    static BootProcess after(String name, Class<? extends Program> program, String... caps) {
        return new BootProcess(name, program.getName(), List.of(SERVICE.toString()), Set.of(caps), false, List.of("pci"));
    }

    /** 10 ms of machine time. */
    static void sleep(Process process) {
        try (var t = process.net().timer(10_000, false)) {
            t.await();
        }
    }

    private static String attempt(Runnable call) {
        try {
            call.run();
            return "granted";
        } catch (KernelException e) {
            return e.code().name();
        }
    }

    /** Lists everything, then takes the card: reserve, enable, reserve again, release, reserve. */
    public static final class Owner implements Program {
        @Override
        public void main(Process process) {
            try (var pci = PciClient.connect(process.net(), Address.parse(process.args().get(0)))) {
                int n = pci.count();
                var all = new ArrayList<String>();
                for (int i = 0; i < n; i++) {
                    PciDevice d = pci.device(i);
                    all.add("%s %04x:%04x class %02x/%02x irq %d".formatted(d.address(), d.vendorId(), d.deviceId(), d.baseClass(), d.subClass(), d.irq()));
                }
                SystemMachine.report("listing", all);
                SystemMachine.report("past the end", attempt(() -> pci.device(n)));
                pci.setFilter(PciFilter.of(0x10ec, 0x8139, 2));
                SystemMachine.report("cards", pci.count());
                var card = pci.device(0);
                SystemMachine.report("card", card);
                pci.reserve(0);
                SystemMachine.report("owner after reserve", pci.device(0).owner());
                pci.enable(0, true, true, true);
                SystemMachine.report("command after enable", pci.device(0).command() & 7);
                pci.enable(0, true, false, false);
                SystemMachine.report("command after io only", pci.device(0).command() & 7);
                pci.enable(0, true, true, true);
                SystemMachine.report("reserve again", attempt(() -> pci.reserve(0)));
                pci.setFilter(PciFilter.of(0x8086, 0x7000, PciProtocol.ANY));
                SystemMachine.report("router", pci.device(0).address());
                // Hold the card until the intruder has tried everything.
                while (!SystemMachine.reports("intruder done").contains(true)) sleep(process);
                pci.setFilter(PciFilter.of(0x10ec, 0x8139, 2));
                pci.release(0);
                SystemMachine.report("owner after release", pci.device(0).owner());
                SystemMachine.report("release twice", attempt(() -> pci.release(0)));
            }
        }
    }

    /** Another driver: may look, may not take, release or enable what the owner holds. */
    public static final class Intruder implements Program {
        @Override
        public void main(Process process) {
            try (var pci = PciClient.connect(process.net(), Address.parse(process.args().get(0)))) {
                pci.setFilter(PciFilter.of(0x10ec, 0x8139, 2));
                while (!pci.device(0).owned()) sleep(process);
                SystemMachine.report("intruder reserve", attempt(() -> pci.reserve(0)));
                SystemMachine.report("intruder release", attempt(() -> pci.release(0)));
                SystemMachine.report("intruder enable", attempt(() -> pci.enable(0, false, false, false)));
                SystemMachine.report("command after intruder", pci.device(0).command() & 7);
            }
            SystemMachine.report("intruder done", true);
        }
    }

    /** Raw bytes: a bad request answered and the connection still serving, a request in pieces, one cut short. */
    public static final class RawClient implements Program {
        @Override
        public void main(Process process) {
            var service = Address.parse(process.args().get(0));
            var out = new ArrayList<String>();
            try (TcpSocket s = process.net().connect(service, PciProtocol.PORT)) {
                byte[] unknown = new PciRequest.GetNumDevices(41).encode();
                unknown[3] = 9;
                s.write(unknown);
                out.add(describe(read(s)));
                byte[] badFilter = new PciRequest.SetFilter(42, PciFilter.EVERYTHING).encode();
                badFilter[9] = 1;  // vendor 0xff01ffff: neither -1 nor a 16-bit ID
                s.write(badFilter);
                out.add(describe(read(s)));
                byte[] good = new PciRequest.GetNumDevices(43).encode();
                for (int i = 0; i < good.length; i += 5) {
                    s.write(good, i, Math.min(5, good.length - i));
                    sleep(process);
                }
                out.add(describe(read(s)));
            }
            try (TcpSocket s = process.net().connect(service, PciProtocol.PORT)) {
                s.write(new PciRequest.GetDevice(44, 0).encode(), 0, 10);
                s.shutdownOutput();
                out.add(describe(read(s)));
                out.add("then end of stream: " + s.read(new byte[1]));
            }
            SystemMachine.report("raw", out);
        }

        private static PciReply read(TcpSocket s) {
            var b = new byte[PciProtocol.REPLY_LENGTH];
            if (s.readFully(b, 0, b.length) != b.length) throw new AssertionError("short reply");
            try {
                return PciReply.decode(b);
            } catch (packos.lib.wire.MalformedPacketException e) {
                throw new AssertionError(e);
            }
        }

        private static String describe(PciReply r) {
            return "op " + r.op() + " id " + r.requestId() + " " + r.error() + (r.body() instanceof PciReply.Count c ? " count " + c.devices() : "");
        }
    }

    @Test
    void theServiceListsRoutesAndHandsOutTheCardToOneOwnerAtATime() {
        var outcome = new SystemMachine().board(BoardDescription.withNic(new LoopbackPlug()))
                .add(service())
                .add(after("owner", Owner.class))
                .add(after("intruder", Intruder.class))
                .boot().assertClean();
        assertEquals(List.of("00:00.0 8086:1237 class 06/00 irq 0", "00:01.0 8086:7000 class 06/01 irq 0", "00:03.0 10ec:8139 class 02/00 irq 11"),
                SystemMachine.reported("listing"));
        assertEquals("NO_SUCH_DEVICE", SystemMachine.reported("past the end"));
        assertEquals(1, (int) SystemMachine.reported("cards"));
        PciDevice card = SystemMachine.reported("card");
        assertEquals(11, card.irq(), "the routed IRQ of the card's INTA#");
        assertEquals(11, card.interruptLine(), "written to the interrupt line register");
        assertEquals(1, card.interruptPin());
        assertEquals(PciBar.Kind.IO, card.bars().get(0).kind());
        assertEquals(256, card.bars().get(0).size());
        assertEquals(PciBar.Kind.MEMORY, card.bars().get(1).kind());
        assertEquals(Address.UNSPECIFIED, card.owner());
        Address owner = SystemMachine.reported("owner after reserve");
        assertEquals(Address.parse("fd00:7e8e::4"), owner);
        assertEquals(7, (int) SystemMachine.reported("command after enable"));
        assertEquals(1, (int) SystemMachine.reported("command after io only"));
        assertEquals("granted", SystemMachine.reported("reserve again"), "the same owner is granted again");
        assertEquals("00:01.0", SystemMachine.reported("router"));
        assertEquals("RESOURCE_IN_USE", SystemMachine.reported("intruder reserve"));
        assertEquals("RESOURCE_NOT_IN_USE", SystemMachine.reported("intruder release"));
        assertEquals("RESOURCE_NOT_IN_USE", SystemMachine.reported("intruder enable"));
        assertEquals(7, (int) SystemMachine.reported("command after intruder"), "the intruder's enable changed nothing");
        assertEquals(Address.UNSPECIFIED, SystemMachine.reported("owner after release"));
        assertEquals("RESOURCE_NOT_IN_USE", SystemMachine.reported("release twice"));

        var pciLines = outcome.console().stream().filter(l -> l.startsWith("[pci] ")).toList();
        assertTrue(pciLines.get(0).matches("\\[pci] found PCI routing table at 0xf[0-9a-f]{4}; IRQ router is \\[8086:7000]"), () -> outcome.consoleText());
        assertTrue(pciLines.contains("[pci] [10ec:8139]: INTA => IRQ 11"), outcome::consoleText);
        assertTrue(pciLines.contains("[pci] (00,03,0): Ethernet controller (02/00/00): [10ec:8139] Realtek Semiconductor Co., Ltd.: "
                + "RTL-8100/8101L/8139 PCI Fast Ethernet Adapter IRQ 11"), outcome::consoleText);
        assertTrue(pciLines.contains("[pci] (00,00,0): Host bridge (06/00/00): [8086:1237] Intel Corporation: 440FX - 82441FX PMC [Natoma]"), outcome::consoleText);
        assertTrue(outcome.console().contains("[scheduler] pci activated"), outcome::consoleText);
    }

    @Test
    void badRequestsGetAnErrorReplyAndTheConnectionKeepsServing() {
        new SystemMachine().board(BoardDescription.withNic(new LoopbackPlug())).add(service()).add(after("raw", RawClient.class)).boot().assertClean();
        assertEquals(List.of(
                "op 9 id 41 BAD_PROTOCOL_CMD",
                "op 1 id 42 INVALID_ARGUMENT",
                "op 2 id 43 NONE count 3",
                "op 3 id 44 PROTOCOL_ERROR",
                "then end of stream: -1"), SystemMachine.reported("raw"));
    }

    @Test
    void withoutACardTheChipsetIsListedAndNothingIsRouted() {
        var outcome = new SystemMachine().add(service()).add(after("owner", Lister.class)).boot().assertClean();
        assertEquals(List.of("00:00.0", "00:01.0"), SystemMachine.reported("addresses"));
        assertTrue(outcome.console().stream().noneMatch(l -> l.contains("=> IRQ")), outcome::consoleText);
    }

    public static final class Lister implements Program {
        @Override
        public void main(Process process) {
            try (var pci = PciClient.connect(process.net(), Address.parse(process.args().get(0)))) {
                var out = new ArrayList<String>();
                for (int i = 0; i < pci.count(); i++) out.add(pci.device(i).address());
                SystemMachine.report("addresses", out);
            }
        }
    }


    /** Clears the card's BARs before the service looks, as a BIOS that placed nothing would leave them. */
    public static final class Unplacer implements Program {
        @Override
        public void main(Process process) {
            var devices = process.sys().devices();
            devices.configWrite(0, 3, 0, 0x10, 4, 0);
            devices.configWrite(0, 3, 0, 0x14, 4, 0);
            devices.configWrite(0, 3, 0, 0x04, 2, 0);  // and decoding off: nothing to decode
            packos.lib.sched.SchedulerControl.reportInitialised(process);
        }
    }

    public static final class BarReader implements Program {
        @Override
        public void main(Process process) {
            try (var pci = PciClient.connect(process.net(), Address.parse(process.args().get(0)))) {
                pci.setFilter(PciFilter.of(0x10ec, 0x8139, 2));
                var card = pci.device(0);
                SystemMachine.report("bars", card.bars().subList(0, 2));
                SystemMachine.report("decoding", card.command() & 3);
            }
        }
    }

    @Test
    void unassignedBarsArePlacedFromTheBottomOfTheServicesWindowsAndDecodingTurnedOn() {
        var pciAt = Address.parse("fd00:7e8e::4");
        var outcome = new SystemMachine().board(BoardDescription.withNic(new LoopbackPlug()))
                .add(new BootProcess("unplacer", Unplacer.class.getName(), List.of(), Set.of("device:pci"), false, List.of()).withReportsInit(true))
                .add(new BootProcess("pci", PciService.class.getName(), List.of(), Set.of("device:pci"), true, List.of("unplacer")).withReportsInit(true))
                .add(new BootProcess("reader", BarReader.class.getName(), List.of(pciAt.toString()), Set.of(), false, List.of("pci")))
                .boot().assertClean();
        assertEquals(List.of(PciBar.io(0x8000, 256), PciBar.memory(0xF000_0000L, 256, false)), SystemMachine.reported("bars"));
        assertEquals(3, (int) SystemMachine.reported("decoding"));
        assertTrue(outcome.console().contains("[pci] (00,03,0): BAR0 I/O assigned at 0x8000"), outcome::consoleText);
        assertTrue(outcome.console().contains("[pci] (00,03,0): BAR1 memory assigned at 0xf0000000"), outcome::consoleText);
    }
}
