package packos.bench.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import packos.host.config.BootConfigParser;
import packos.host.config.ClockMode;
import packos.host.config.ProcessSpec;

class HttpdMachineTest {

    @Test
    void theImageIsTheDefaultOnesServerSideWithTheServerSecondSoAtFd00_7e8e__4() throws Exception {
        var config = BootConfigParser.parse("bench-httpd.boot", HttpdMachine.config("user,hostfwd=tcp:[::1]:18080-server:80"));
        assertEquals(List.of("pci", "server", "driver", "router"), config.processes().stream().map(ProcessSpec::name).toList());
        assertEquals(ClockMode.REAL, config.machine().clock());
        assertEquals("user,hostfwd=tcp:[::1]:18080-server:80", config.machine().wire().orElseThrow().describe());
        assertEquals("fd00:7e8e::4", HttpdMachine.SERVER);
    }

    @Test
    void aWireSpecThatWouldBreakTheConfigLineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> HttpdMachine.config("tap:x wire=none"));
        assertThrows(IllegalArgumentException.class, () -> HttpdMachine.config("user#x"));
        assertThrows(IllegalArgumentException.class, () -> HttpdMachine.config(""));
    }
}
