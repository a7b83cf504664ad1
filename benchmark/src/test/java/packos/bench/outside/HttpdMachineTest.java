package packos.bench.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import packos.host.config.BootConfigParser;
import packos.host.config.ClockMode;
import packos.host.config.ProcessSpec;

class HttpdMachineTest {

    @Test
    void theImageIsTheDefaultOneLessItsCheckClientOnTheGivenWireWithTheServerAtFd00_7e8e__4() throws Exception {
        var text = HttpdMachine.config("user,hostfwd=tcp:[::1]:18080-server:80");
        var config = BootConfigParser.parse("bench-httpd.boot", text);
        var defaults = BootConfigParser.parseResource(getClass().getClassLoader(), "packos/images/httpd.boot");
        assertEquals(HttpdMachine.PROCESSES, config.processes().stream().map(ProcessSpec::name).toList());
        assertEquals(defaults.processes().subList(0, 4), config.processes(), "the same process lines as httpd.boot");
        assertEquals(defaults.kan(), config.kan());
        assertEquals(ClockMode.REAL, config.machine().clock());
        assertEquals("user,hostfwd=tcp:[::1]:18080-server:80", config.machine().wire().orElseThrow().describe());
        assertFalse(text.contains("HttpCheck"));
        // The kernel numbers processes from ::3 in boot order: pci ::3, server ::4.
        assertEquals(1, HttpdMachine.PROCESSES.indexOf("server"));
        assertEquals("fd00:7e8e::4", HttpdMachine.SERVER);
    }

    @Test
    void aWireSpecThatWouldBreakTheConfigLineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> HttpdMachine.config("tap:x wire=none"));
        assertThrows(IllegalArgumentException.class, () -> HttpdMachine.config("user#x"));
        assertThrows(IllegalArgumentException.class, () -> HttpdMachine.config(""));
    }
}
