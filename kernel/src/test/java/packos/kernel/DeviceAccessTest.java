package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import packos.machine.BoardDescription;
import packos.machine.pci.Bdf;
import packos.machine.pci.ConfigSpace;
import packos.machine.wire.NoWire;

/**
 * Device access on a board with two cards: the holder of one card's capability reaches that
 * card's BARs only, as they are programmed at the moment of each access.
 */
class DeviceAccessTest {
    private static final Bdf FIRST = Bdf.of(0, 3, 0), SECOND = Bdf.of(0, 4, 0);
    private static final BoardDescription TWO_CARDS = new BoardDescription(BoardDescription.DEFAULT_RAM, List.of(
            new BoardDescription.Nic(new NoWire(), BoardDescription.DEFAULT_MAC),
            new BoardDescription.Nic(new NoWire(), packos.machine.nic.MacAddress.parse("52:54:00:12:34:57"))));

    private static String attempt(Runnable access) {
        try {
            access.run();
            return "allowed";
        } catch (KernelException e) {
            return e.code() + " " + e.getMessage();
        }
    }

    @Test
    void aDriverReachesItsOwnCardOnlyAndFollowsTheBarsAsProgrammed() {
        var tm = TestMachine.virtualTime(TWO_CARDS);
        var pci = tm.machine.board().pci();
        int io1 = pci.configRead32(FIRST, 0x10) & ~0x3, io2 = pci.configRead32(SECOND, 0x10) & ~0x3;
        long mem2 = Integer.toUnsignedLong(pci.configRead32(SECOND, 0x14) & ~0xF);
        int moved = 0xD000;
        var seen = new CopyOnWriteArrayList<String>();
        tm.program("driver", (sys, args) -> {
            var dev = sys.devices();
            seen.add("own IDR5 " + Integer.toHexString(dev.ioRead(io1 + 5, 1)));
            seen.add("other io " + attempt(() -> dev.ioRead(io2 + 5, 1)));
            seen.add("other mem " + attempt(() -> dev.memWrite(mem2, 4, 0)));
            seen.add("straddling " + attempt(() -> dev.ioRead(io1 + 0xFE, 4)));
            seen.add("bad size " + attempt(() -> dev.ioRead(io1, 3)));
        });
        tm.program("pci", (sys, args) -> {
            var dev = sys.devices();
            // The PCI service moves the first card's I/O window and turns its memory decoding off.
            dev.configWrite(0, 3, 0, 0x10, 4, moved);
            dev.configWrite(0, 3, 0, ConfigSpace.COMMAND, 2, ConfigSpace.COMMAND_IO);
        });
        tm.program("after", (sys, args) -> {
            var dev = sys.devices();
            seen.add("old window " + attempt(() -> dev.ioRead(io1, 1)));
            seen.add("new window IDR5 " + Integer.toHexString(dev.ioRead(moved + 5, 1)));
        });
        tm.program("none", (sys, args) ->
                seen.add("no device " + assertThrows(KernelException.class, sys::devices).code()));
        tm.run(rr -> {
            rr.runUntilFinished(rr.start("driver", "driver", Set.of("device:00:03.0")));
            rr.runUntilFinished(rr.start("pci", "pci", Set.of("device:pci")));
            rr.runUntilFinished(rr.start("after", "after", Set.of("device:00:03.0")));
            rr.runUntilFinished(rr.start("none", "none", Set.of("irq:11")));
        });
        assertEquals(List.of(
                "own IDR5 56",
                "other io CAPABILITY_MISSING CapabilityMissing: driver lacks capability device:00:04.0 for I/O port 0x%x".formatted(io2 + 5),
                "other mem CAPABILITY_MISSING CapabilityMissing: driver lacks capability device:00:04.0 for memory 0x%x".formatted(mem2),
                "straddling CAPABILITY_MISSING CapabilityMissing: driver lacks capability device:BB:DD.F for I/O port 0x%x (decoded by no granted device)".formatted(io1 + 0xFE),
                "bad size INVALID_ARGUMENT InvalidArgument: access size 3 is not 1, 2 or 4",
                "old window CAPABILITY_MISSING CapabilityMissing: after lacks capability device:BB:DD.F for I/O port 0x%x (decoded by no granted device)".formatted(io1),
                "new window IDR5 56",
                "no device CAPABILITY_MISSING"), seen);
        assertEquals(0, tm.machine.board().pci().configRead16(FIRST, ConfigSpace.COMMAND) & ConfigSpace.COMMAND_MEMORY);
    }

    @Test
    void aDriverCopiesAWholeFrameToAndFromRamInOneCallAndNothingOutsideRam() {
        var tm = TestMachine.virtualTime(TWO_CARDS);
        var seen = new CopyOnWriteArrayList<String>();
        tm.program("driver", (sys, args) -> {
            var dev = sys.devices();
            long buffer = dev.allocate(1514, 16);
            byte[] frame = new byte[1514];
            for (int i = 0; i < frame.length; i++) frame[i] = (byte) (i * 7);
            dev.ramWrite(buffer, frame, 0, frame.length);
            seen.add("word " + Integer.toHexString(dev.memRead(buffer + 4, 4)));
            byte[] back = new byte[1520];
            dev.ramRead(buffer, back, 3, 1514);
            seen.add("same " + java.util.Arrays.equals(frame, 0, 1514, back, 3, 1517));
            seen.add("bios " + attempt(() -> dev.ramRead(0xF0000, back, 0, 16)));
            seen.add("past array " + attempt(() -> dev.ramRead(buffer, back, 10, 1514)));
        });
        tm.run(rr -> rr.runUntilFinished(rr.start("driver", "driver", Set.of("device:00:03.0"))));
        assertEquals(List.of(
                "word 312a231c",
                "same true",
                "bios INVALID_ARGUMENT InvalidArgument: RAM copy of 16 bytes at 0xf0000 is not inside RAM",
                "past array INVALID_ARGUMENT InvalidArgument: buffer range 10+1514 is outside the 1520-byte array"), seen);
    }

    @Test
    void aDriverThatDiesGivesItsRamBackZeroedAndItsCardStopsMasteringTheBus() {
        var tm = TestMachine.virtualTime(TWO_CARDS);
        var pci = tm.machine.board().pci();
        int command = ConfigSpace.COMMAND_IO | ConfigSpace.COMMAND_MEMORY | ConfigSpace.COMMAND_BUS_MASTER;
        var first = new CopyOnWriteArrayList<Long>();
        var second = new CopyOnWriteArrayList<Long>();
        var seen = new CopyOnWriteArrayList<String>();
        tm.program("driver", (sys, args) -> {
            var dev = sys.devices();
            for (int length : new int[] {8192 + 16, 1536, 1536}) first.add(dev.allocate(length, 16));
            dev.ramWrite(first.getFirst(), new byte[] {1, 2, 3, 4}, 0, 4);
            throw new IllegalStateException("the driver dies with its rings set up");
        });
        tm.program("restarted", (sys, args) -> {
            var dev = sys.devices();
            for (int length : new int[] {8192 + 16, 1536, 1536}) second.add(dev.allocate(length, 16));
            seen.add("ring starts with " + Integer.toHexString(dev.memRead(second.getFirst(), 4)));
        });
        tm.program("holder", (sys, args) -> seen.add("held the capability, touched nothing"));
        tm.run(rr -> {
            pci.configWrite16(FIRST, ConfigSpace.COMMAND, command);
            pci.configWrite16(SECOND, ConfigSpace.COMMAND, command);
            rr.runUntilFinished(rr.start("driver", "driver", Set.of("device:00:03.0")));
            seen.add("after the fault: first card command " + Integer.toHexString(pci.configRead16(FIRST, ConfigSpace.COMMAND))
                    + ", second " + Integer.toHexString(pci.configRead16(SECOND, ConfigSpace.COMMAND)));
            rr.runUntilFinished(rr.start("restarted", "restarted", Set.of("device:00:03.0")));
            // A process granted the second card that never asked for device access: the service may have turned DMA on for it.
            rr.runUntilFinished(rr.start("holder", "holder", Set.of("device:00:04.0")));
            seen.add("after the holder: second card command " + Integer.toHexString(pci.configRead16(SECOND, ConfigSpace.COMMAND)));
        });
        assertEquals(List.of(
                "after the fault: first card command 3, second 7",
                "ring starts with 0",
                "held the capability, touched nothing",
                "after the holder: second card command 3"), seen);
        // The same sizes asked for again land where the dead driver's were: RAM is not lost a life at a time.
        assertEquals(first, second);
    }
}
