package packos.bench.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WrkTest {
    private static final String URL = "http://[::1]:8080/index.html";

    private static final String CLEAN = """
            Running 2s test @ http://[::1]:8080/index.html
              1 threads and 8 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     3.41ms    1.02ms  12.80ms   87.50%
                Req/Sec     2.36k   120.31     2.51k    80.00%
              4714 requests in 2.01s, 9.90MB read
            Requests/sec:   2348.31
            Transfer/sec:      4.93MB
            """;

    @Test
    void aCleanRunGivesItsRequestCountAndRate() throws IOException {
        var result = Wrk.parse(URL, CLEAN);
        assertEquals(4714, result.requests());
        assertEquals(2348.31, result.requestsPerSecond(), 1e-9);
        assertEquals(URL, result.target());
    }

    @Test
    void aRunWithSocketErrorsIsRefused() {
        var out = CLEAN.replace("Requests/sec", "  Socket errors: connect 0, read 3, write 0, timeout 2\nRequests/sec");
        var e = assertThrows(IOException.class, () -> Wrk.parse(URL, out));
        assertTrue(e.getMessage().contains("Socket errors: connect 0, read 3, write 0, timeout 2"), e.getMessage());
    }

    @Test
    void aRunWithErrorAnswersIsRefused() {
        var out = CLEAN.replace("Requests/sec", "  Non-2xx or 3xx responses: 4714\nRequests/sec");
        var e = assertThrows(IOException.class, () -> Wrk.parse(URL, out));
        assertTrue(e.getMessage().contains("Non-2xx or 3xx responses: 4714"), e.getMessage());
    }

    @Test
    void outputWithoutARateIsRefused() {
        var e = assertThrows(IOException.class, () -> Wrk.parse(URL, "unable to connect to [::1]:8080 Connection refused"));
        assertTrue(e.getMessage().contains("no rate"), e.getMessage());
    }

    @Test
    void aLoadShorterThanWrksOneSecondOrWithFewerConnectionsThanThreadsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Wrk(1, 8, Duration.ofMillis(500)));
        assertThrows(IllegalArgumentException.class, () -> new Wrk(4, 2, Duration.ofSeconds(2)));
        assertEquals("wrk -t1 -c8 -d5s", new Wrk(1, 8, Duration.ofSeconds(5)).describe());
    }
}
