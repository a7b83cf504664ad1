package packos.system.pci;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import packos.machine.pci.IrqRoutingTable;

/**
 * Coverage-guided fuzzing (Jazzer) of the PCI service's reading of the BIOS's $PIR table: any
 * bytes in the BIOS area are a table or no table, never an exception; and a table the service
 * finds is the one the machine's own reader finds at the same place, field for field.
 */
class PirTableFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void the_bios_area_holds_a_table_both_readers_agree_on_or_none(byte[] area) {
        var found = PirTable.find(area);
        if (found.isEmpty()) return;
        var pir = found.get();
        int off = (int) (pir.address() - PirTable.AREA);
        assertTrue(off >= 0 && off % 16 == 0 && off + PirTable.HEADER + pir.slots().size() * PirTable.ENTRY <= area.length);
        var machine = IrqRoutingTable.parse(area, off).orElseThrow(() -> new AssertionError("the machine's reader finds no table at " + off));
        assertEquals(machine.routerBus(), pir.routerBus());
        assertEquals(machine.routerDevfn(), pir.routerDevice() << 3 | pir.routerFunction());
        assertEquals(machine.routerVendor(), pir.compatibleVendor());
        assertEquals(machine.routerDevice(), pir.compatibleDevice());
        assertEquals(machine.slots().size(), pir.slots().size());
        for (int i = 0; i < pir.slots().size(); i++) {
            var a = machine.slots().get(i);
            var b = pir.slots().get(i);
            assertEquals(a.bus(), b.bus());
            assertEquals(a.device(), b.device());
            for (int pin = 1; pin <= 4; pin++) assertEquals(a.pins().get(pin - 1).value(), b.link(pin));
        }
    }
}
