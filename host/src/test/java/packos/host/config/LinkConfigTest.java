package packos.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import packos.kernel.Impairment;
import packos.kernel.LinkRules;
import packos.kernel.LinkRules.Direction;

/** The link directive: impairment for the whole KAN and per pair of processes, its units, and its errors. */
class LinkConfigTest {
    private static final String PROCESSES = "process name=client program=p.Client\nprocess name=server program=p.Server\n";
    private static final long MS = 1_000_000L;

    static LinkRules links(String lines) throws BootConfigException {
        return BootConfigParser.parse("x.boot", PROCESSES + lines + "\n").links();
    }

    @Test
    void aConfigWithoutLinkLinesHasPerfectLinks() throws Exception {
        assertEquals(LinkRules.NONE, links(""));
        assertTrue(links("").isNone());
    }

    @Test
    void aLinkLineWithoutAPairSetsTheWholeKanWithEveryKey() throws Exception {
        var rules = links("link loss=10% duplicate=1% reorder=5% corrupt=0.5% delay=5ms jitter=1ms rate=100mbit limit=500");
        assertEquals(new Impairment(0.10, 0.01, 0.05, 0.005, 5 * MS, MS, 100_000_000, 500), rules.everywhere());
        assertEquals(Map.of(), rules.pairs());
    }

    @Test
    void betweenSetsBothDirectionsAndFromToSetsOne() throws Exception {
        var rules = links("""
                link loss=1%
                link between=client,server loss=2%
                link from=scheduler to=client delay=250us
                """);
        assertEquals(Impairment.NONE.withLoss(0.01), rules.everywhere());
        assertEquals(Map.of(
                new Direction("client", "server"), Impairment.NONE.withLoss(0.02),
                new Direction("server", "client"), Impairment.NONE.withLoss(0.02),
                new Direction("scheduler", "client"), Impairment.NONE.withDelay(250_000, 0)), rules.pairs());
    }

    @Test
    void aLinkLineMayNameAProcessDefinedFurtherDown() throws Exception {
        var config = BootConfigParser.parse("x.boot", "link from=late to=early loss=3%\nprocess name=early program=p.E\nprocess name=late program=p.L\n");
        assertEquals(Map.of(new Direction("late", "early"), Impairment.NONE.withLoss(0.03)), config.links().pairs());
    }

    static Stream<Arguments> units() {
        return Stream.of(
                Arguments.of("delay=1s", Impairment.NONE.withDelay(1_000_000_000L, 0)),
                Arguments.of("delay=1.5ms", Impairment.NONE.withDelay(1_500_000, 0)),
                Arguments.of("delay=20us", Impairment.NONE.withDelay(20_000, 0)),
                Arguments.of("delay=0ms", Impairment.NONE),
                Arguments.of("rate=9600bit", Impairment.NONE.withRate(9_600)),
                Arguments.of("rate=64kbit", Impairment.NONE.withRate(64_000)),
                Arguments.of("rate=1.5Mbit", Impairment.NONE.withRate(1_500_000)),
                Arguments.of("rate=10gbit", Impairment.NONE.withRate(10_000_000_000L)),
                Arguments.of("loss=100%", Impairment.NONE.withLoss(1.0)),
                Arguments.of("loss=0%", Impairment.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void units(String field, Impairment expected) throws Exception {
        assertEquals(expected, links("link " + field).everywhere());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("link loss=110%", "x.boot:3: link: loss=110% is not a percentage in 0..100 (expected e.g. loss=2.5%)"),
                Arguments.of("link loss=0.1", "x.boot:3: link: loss=0.1 is not a percentage in 0..100 (expected e.g. loss=2.5%)"),
                Arguments.of("link corrupt=-1%", "x.boot:3: link: corrupt=-1% is not a percentage in 0..100 (expected e.g. corrupt=2.5%)"),
                Arguments.of("link delay=5", "x.boot:3: link: delay=5 is not a duration (expected digits and a unit of s, ms or us, 0..60s, e.g. delay=5ms)"),
                Arguments.of("link delay=61s", "x.boot:3: link: delay=61s is out of range (expected digits and a unit of s, ms or us, 0..60s, e.g. delay=5ms)"),
                Arguments.of("link delay=1.0001us", "x.boot:3: link: delay=1.0001us is finer than a nanosecond (expected digits and a unit of s, ms or us, 0..60s, e.g. delay=5ms)"),
                Arguments.of("link jitter=1ms", "x.boot:3: link: jitter=1ms without delay (expected delay= with it: the jitter varies the delay)"),
                Arguments.of("link rate=100mbps", "x.boot:3: link: rate=100mbps is not a rate (expected digits and a unit of bit, kbit, mbit or gbit, 1bit..1000gbit, e.g. rate=100mbit)"),
                Arguments.of("link rate=0bit", "x.boot:3: link: rate=0bit is out of range (expected digits and a unit of bit, kbit, mbit or gbit, 1bit..1000gbit, e.g. rate=100mbit)"),
                Arguments.of("link limit=0", "x.boot:3: link: limit=0 is out of range (expected 1..1000000)"),
                Arguments.of("link lose=1%", "x.boot:3: link: unknown key 'lose' (expected one of: between, from, to, loss, duplicate, reorder, corrupt, delay, jitter, rate, limit)"),
                Arguments.of("link between=client loss=1%", "x.boot:3: link: between=client does not name two processes (expected between=A,B)"),
                Arguments.of("link between=client,server,client", "x.boot:3: link: between=client,server,client does not name two processes (expected between=A,B)"),
                Arguments.of("link between=client,client", "x.boot:3: link: between=client,client names the same process twice (expected two different processes)"),
                Arguments.of("link between=client,Server", "x.boot:3: link: between=client,Server: 'Server' is not a valid process name (expected [a-z0-9][a-z0-9._-]{0,63})"),
                Arguments.of("link from=client", "x.boot:3: link: from= alone (expected from=A to=B together)"),
                Arguments.of("link to=client", "x.boot:3: link: to= alone (expected from=A to=B together)"),
                Arguments.of("link from=client to=client", "x.boot:3: link: from= and to= name the same process 'client' (expected two different processes)"),
                Arguments.of("link between=client,server from=client to=server", "x.boot:3: link: between= with from= or to= (expected either between=A,B or from=A to=B)"),
                Arguments.of("link between=client,sever loss=2%", "x.boot:3: link: between=client,sever names 'sever', which no process line names (expected a process name from this config, scheduler or timer)"),
                Arguments.of("link from=client to=server\n\nlink from=client to=server", "x.boot:5: link: the link from client to server is already set on line 3 (expected one rule per direction)"),
                Arguments.of("link from=client to=server\nlink between=server,client", "x.boot:4: link: the link from client to server is already set on line 3 (expected one rule per direction)"),
                Arguments.of("link loss=1%\nlink delay=1ms", "x.boot:4: link: the link for the whole KAN is already set on line 3 (expected at most one link line without between= or from=/to=)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void errors(String lines, String message) { BootConfigErrorTest.assertError(PROCESSES + lines + "\n", message); }
}
