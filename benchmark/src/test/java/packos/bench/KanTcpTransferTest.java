package packos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import packos.host.config.BootConfigParser;
import packos.kernel.Impairment;
import packos.kernel.LinkRules;
import org.junit.jupiter.api.Test;

class KanTcpTransferTest {

    private static final TcpBulkSetup SETUP = new TcpBulkSetup(4096, 0, 65536);

    @Test
    void theBootConfigIsOneAFileCouldHoldWithALossyLinkAndAVirtualClock() throws Exception {
        var transfer = new KanTcpTransfer(100_000_000L, 1, SETUP, 7, Duration.ofSeconds(1));
        var config = BootConfigParser.parse("test.boot", transfer.bootConfig());
        assertEquals(LinkRules.everywhere(Impairment.NONE.withLoss(0.01)), config.links());
        assertEquals(packos.host.config.ClockMode.VIRTUAL, config.machine().clock());
        assertEquals(1, config.machine().cpus());
        assertEquals(7, config.machine().seed());
        assertEquals(4096, config.kan().pageSize());
        assertEquals(2, config.processes().size());
    }

    @Test
    void amountsAreInDecimalMegabytesWhenWhole() {
        assertEquals("100 MB", KanTcpTransfer.amount(100_000_000L));
        assertEquals("1,234 B", KanTcpTransfer.amount(1_234));
        assertEquals("10 MB at 0.5% loss", new KanTcpTransfer(10_000_000L, 0.5, SETUP, 1, Duration.ofSeconds(1)).describe());
    }
}
