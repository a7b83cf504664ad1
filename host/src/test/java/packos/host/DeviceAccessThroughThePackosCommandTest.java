package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import packos.machine.Board;
import packos.machine.BoardDescription;
import packos.machine.InterruptController;
import packos.machine.pci.Bdf;
import packos.machine.wire.NoWire;
import packos.testprograms.CountingProgram;
import packos.testprograms.DeviceProbe;

/**
 * Device registers and memory only for the holder of the device capability,
 * checked by the kernel on each access; and {@code --wire}, which puts the RTL8139 on the board.
 */
@Timeout(60)
class DeviceAccessThroughThePackosCommandTest {
    private static final Bdf CARD = Bdf.of(0, 3, 0);

    /** Where the BIOS placed the card's BARs, and its IRQ: learnt from a board like the one booted, not assumed. */
    private record Layout(int io, long mem, int irq) {
        static Layout ofOneCard() {
            try (var board = Board.build(new InterruptController(), BoardDescription.withNic(new NoWire()))) {
                var pci = board.pci();
                return new Layout(pci.configRead32(CARD, 0x10) & ~0x3, Integer.toUnsignedLong(pci.configRead32(CARD, 0x14) & ~0xF), pci.irqOf(CARD));
            }
        }
    }

    private static List<String> linesOf(PackosCommand.Result run, String process) {
        return run.outLines().stream().filter(l -> l.startsWith("[" + process + "] ")).map(l -> l.substring(process.length() + 3)).toList();
    }

    @Test
    void onlyTheCapabilityHolderReachesTheCardAndThePciServiceReachesConfigSpaceAndPir(@TempDir Path dir) throws Exception {
        var at = Layout.ofOneCard();
        String probe = "program=" + DeviceProbe.class.getName();
        String io = "0x" + Integer.toHexString(at.io()), mem = "0x" + Long.toHexString(at.mem());
        var file = PackosCommand.config(dir, "devices.boot",
                "machine cpus=1 clock=virtual",
                "process name=driver " + probe + " caps=device:00:03.0 arg=driver arg=" + io + " arg=" + mem,
                "process name=nobody " + probe + " arg=driver arg=" + io + " arg=" + mem,
                "process name=other " + probe + " caps=device:00:04.0 arg=intruder arg=" + io,
                "process name=pci " + probe + " caps=device:pci arg=pci");
        var run = PackosCommand.run("run", file.toString(), "--wire", "none");
        assertEquals(0, run.status(), run::transcript);
        assertEquals(List.of("RTL8139 at 00:03.0, IRQ " + at.irq() + ", MAC 52:54:00:12:34:56, wire none"), linesOf(run, "board"), run::transcript);
        assertEquals(List.of(
                "io mac 52:54:00:12:34:56",
                "mem mac 52:54:00:12:34:56",
                "ram 12345678 aligned",
                "huge OUT_OF_MEMORY: OutOfMemory: out of guest memory: 2147483647 bytes wanted, the largest free run is "
                        + (BoardDescription.DEFAULT_RAM - 8192 - 16),
                "config port CAPABILITY_MISSING: CapabilityMissing: driver lacks capability device:pci for I/O port 0xcfc (PCI configuration)",
                "config read CAPABILITY_MISSING: CapabilityMissing: driver lacks capability device:pci for PCI configuration space",
                "bios CAPABILITY_MISSING: CapabilityMissing: driver lacks capability device:pci for memory 0xf0000 (BIOS area)",
                "beyond bar CAPABILITY_MISSING: CapabilityMissing: driver lacks capability device:BB:DD.F for I/O port " + "0x%x".formatted(at.io() + 0xFF)
                        + " (decoded by no granted device)"), linesOf(run, "driver"), run::transcript);
        assertEquals(List.of("devices: CAPABILITY_MISSING: CapabilityMissing: nobody lacks capability device:BB:DD.F or device:pci"), linesOf(run, "nobody"), run::transcript);
        assertEquals(List.of("bar0 CAPABILITY_MISSING: CapabilityMissing: other lacks capability device:00:03.0 for I/O port " + io), linesOf(run, "other"), run::transcript);
        assertEquals(List.of("config ids 10ec:8139", "port ids 813910ec", "$PIR found, version 100",
                "bar0 CAPABILITY_MISSING: CapabilityMissing: pci lacks capability device:00:03.0 for I/O port " + io), linesOf(run, "pci"), run::transcript);
    }

    @Test
    void aUdpWireBootsAndReportsTheCard(@TempDir Path dir) throws Exception {
        var file = PackosCommand.config(dir, "one.boot", "machine cpus=1 clock=virtual", "process name=one program=" + CountingProgram.class.getName());
        var run = PackosCommand.run("run", file.toString(), "--wire", "udp:[::1]:0,[::1]:9");
        assertEquals(0, run.status(), run::transcript);
        var board = linesOf(run, "board");
        assertEquals(1, board.size(), run::transcript);
        assertTrue(board.getFirst().startsWith("RTL8139 at 00:03.0, IRQ " + Layout.ofOneCard().irq() + ", MAC 52:54:00:12:34:56, wire udp:[::1]:"), run::transcript);
        assertTrue(board.getFirst().endsWith(",[::1]:9"), run::transcript);
    }

    @Test
    void theConfigsMachineLineCanPlugTheCardInAndTheCommandLineOverridesIt(@TempDir Path dir) throws Exception {
        var file = PackosCommand.config(dir, "wired.boot", "machine cpus=1 clock=virtual wire=udp:[::1]:0,[::1]:9",
                "process name=one program=" + CountingProgram.class.getName());
        var fromConfig = PackosCommand.run("run", file.toString());
        assertEquals(0, fromConfig.status(), fromConfig::transcript);
        assertTrue(linesOf(fromConfig, "board").getFirst().endsWith(",[::1]:9"), fromConfig::transcript);
        var overridden = PackosCommand.run("run", file.toString(), "--wire", "none");
        assertEquals(0, overridden.status(), overridden::transcript);
        assertTrue(linesOf(overridden, "board").getFirst().endsWith(", wire none"), overridden::transcript);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "slirp|machine: wire=slirp: unknown wire \"slirp\"",
            "user,hostfwd=tcp::8080-Web:80|machine: wire=user,hostfwd=tcp::8080-Web:80: hostfwd: bad guest address \"Web\""})
    void aBadWireInTheConfigExitsTwoWithFileAndLine(String spec, String message, @TempDir Path dir) throws Exception {
        var file = PackosCommand.config(dir, "bad.boot", "machine cpus=1 clock=virtual wire=" + spec,
                "process name=one program=" + CountingProgram.class.getName());
        var run = PackosCommand.run("run", file.toString());
        assertEquals(2, run.status(), run::transcript);
        assertTrue(run.err().startsWith("packos run: " + file + ":1: " + message), run::transcript);
        assertEquals("", run.out(), "nothing booted");
    }

    @Test
    void withoutAWireTheBoardHasNoCard(@TempDir Path dir) throws Exception {
        var file = PackosCommand.config(dir, "one.boot", "machine cpus=1 clock=virtual", "process name=one program=" + CountingProgram.class.getName());
        var run = PackosCommand.run("run", file.toString());
        assertEquals(0, run.status(), run::transcript);
        assertEquals(List.of(), linesOf(run, "board"), run::transcript);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "slirp|packos run: --wire slirp: unknown wire \"slirp\"",
            "udp:[::1]:7000,[::1]:0|packos run: --wire udp:[::1]:7000,[::1]:0: udp: bad remote port 0 in \"[::1]:0\": expected 1-65535",
            "user,hostfwd=tcp::8080-:80,hostfwd=tcp::8080-:81|packos run: --wire user,hostfwd=tcp::8080-:80,hostfwd=tcp::8080-:81: user: host port 8080 is forwarded twice"})
    void aBadWireExitsTwoWithTheParsersMessage(String spec, String message) {
        var run = PackosCommand.run("run", "simple", "--wire", spec);
        assertEquals(2, run.status(), run::transcript);
        assertTrue(run.err().startsWith(message), run::transcript);
        assertEquals(1, run.err().lines().count(), run::transcript);
        assertEquals("", run.out(), "nothing booted");
    }
}
