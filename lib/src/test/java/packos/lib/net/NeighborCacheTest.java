package packos.lib.net;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import packos.kernel.Address;
import packos.lib.net.NeighborAction.Deliver;
import packos.lib.net.NeighborAction.Discard;
import packos.lib.net.NeighborAction.SendMulticastSolicitation;
import packos.lib.net.NeighborAction.SendUnicastSolicitation;
import packos.lib.net.NeighborAction.Unreachable;
import packos.lib.wire.NeighborAdvertisement.Flags;
import packos.machine.nic.MacAddress;

/** The neighbour cache path by path, following RFC 4861 Appendix C's table, in simulated time. */
class NeighborCacheTest {
    private static final long S = NeighborConfig.SECOND;
    private static final Address N = Address.parse("fe80::3602:86ff:fe68:bcef");
    private static final MacAddress MAC = MacAddress.parse("34:02:86:68:bc:ef");
    private static final MacAddress OTHER = MacAddress.parse("34:02:86:00:00:01");
    private static final Flags SOLICITED = new Flags(false, true, false);
    private static final Flags SOLICITED_OVERRIDE = new Flags(false, true, true);
    private static final Flags UNSOLICITED = new Flags(false, false, false);
    private static final Flags OVERRIDE = new Flags(false, false, true);

    private final NeighborCache<String> cache = new NeighborCache<>(NeighborConfig.DEFAULT, new SplittableRandom(7), 0);

    private NeighborState state() { return cache.lookup(N).orElseThrow().state(); }

    private void reachable(long now) {
        cache.send(N, "first", now);
        cache.onAdvertisement(N, MAC, SOLICITED_OVERRIDE, now);
        assertEquals(NeighborState.REACHABLE, state());
    }

    private void stale() {
        cache.onLinkLayerAddress(N, MAC, 0);
        assertEquals(NeighborState.STALE, state());
    }

    @Test
    void reachableTimeIsTheBaseTimesASeededFactorBetweenHalfAndOneAndAHalf() {
        long t = cache.reachableTime();
        assertTrue(t >= 15 * S && t <= 45 * S, "" + t);
        assertEquals(t, new NeighborCache<String>(NeighborConfig.DEFAULT, new SplittableRandom(7), 0).reachableTime());
        cache.setBaseReachableTime(10 * S, 0);
        assertTrue(cache.reachableTime() >= 5 * S && cache.reachableTime() <= 15 * S);
    }

    @Test
    void sendingToAnUnknownNeighbourQueuesAndSolicitsByMulticast() {
        assertEquals(List.of(new SendMulticastSolicitation<String>(N)), cache.send(N, "p1", 0));
        var n = cache.lookup(N).orElseThrow();
        assertEquals(NeighborState.INCOMPLETE, n.state());
        assertNull(n.linkAddress());
        assertEquals(1, n.queued());
        assertEquals(S, cache.deadline());
        assertEquals(List.of(), cache.send(N, "p2", 10));
    }

    @Test
    void theQueueKeepsTheNewestThreeAndHandsBackTheOldest() {
        cache.send(N, "p1", 0);
        cache.send(N, "p2", 0);
        cache.send(N, "p3", 0);
        assertEquals(List.of(new Discard<>(N, "p1")), cache.send(N, "p4", 0));
        assertEquals(List.of(new Deliver<>(N, MAC, List.of("p2", "p3", "p4"))), cache.onAdvertisement(N, MAC, SOLICITED, 1));
    }

    @Test
    void incompleteRetransmitsThreeTimesThenReportsTheQueuedPacketsUnreachable() {
        cache.send(N, "p1", 0);
        cache.send(N, "p2", 0);
        assertEquals(List.of(), cache.onTimer(S - 1));
        assertEquals(List.of(new SendMulticastSolicitation<String>(N)), cache.onTimer(S));
        assertEquals(List.of(new SendMulticastSolicitation<String>(N)), cache.onTimer(2 * S));
        assertEquals(List.of(new Unreachable<>(N, List.of("p1", "p2"))), cache.onTimer(3 * S));
        assertTrue(cache.lookup(N).isEmpty());
        assertEquals(Long.MAX_VALUE, cache.deadline());
    }

    @Test
    void incompleteSolicitedAdvertisementMakesItReachableAndReleasesTheQueue() {
        cache.send(N, "p1", 0);
        assertEquals(List.of(new Deliver<>(N, MAC, List.of("p1"))), cache.onAdvertisement(N, MAC, SOLICITED, 5));
        var n = cache.lookup(N).orElseThrow();
        assertEquals(NeighborState.REACHABLE, n.state());
        assertEquals(MAC, n.linkAddress());
        assertEquals(5 + cache.reachableTime(), n.deadline());
    }

    @Test
    void incompleteUnsolicitedAdvertisementMakesItStaleAndReleasesTheQueue() {
        cache.send(N, "p1", 0);
        assertEquals(List.of(new Deliver<>(N, MAC, List.of("p1"))), cache.onAdvertisement(N, MAC, OVERRIDE, 5));
        assertEquals(NeighborState.STALE, state());
    }

    @Test
    void incompleteAdvertisementWithoutLinkLayerAddressIsIgnored() {
        cache.send(N, "p1", 0);
        assertEquals(List.of(), cache.onAdvertisement(N, null, SOLICITED_OVERRIDE, 5));
        assertEquals(NeighborState.INCOMPLETE, state());
    }

    @Test
    void incompleteSolicitationWithLinkLayerAddressMakesItStaleAndReleasesTheQueue() {
        cache.send(N, "p1", 0);
        assertEquals(List.of(new Deliver<>(N, MAC, List.of("p1"))), cache.onLinkLayerAddress(N, MAC, 5));
        assertEquals(NeighborState.STALE, state());
    }

    @Test
    void aSolicitationCreatesAStaleEntryAndAnAdvertisementCreatesNone() {
        assertEquals(List.of(), cache.onAdvertisement(N, MAC, SOLICITED_OVERRIDE, 0));
        assertTrue(cache.lookup(N).isEmpty());
        stale();
        assertEquals(MAC, cache.lookup(N).orElseThrow().linkAddress());
    }

    @Test
    void aSolicitationWithADifferentAddressUpdatesAndMakesStaleAndWithTheSameChangesNothing() {
        reachable(0);
        cache.onLinkLayerAddress(N, MAC, 1);
        assertEquals(NeighborState.REACHABLE, state());
        cache.onLinkLayerAddress(N, OTHER, 2);
        assertEquals(NeighborState.STALE, state());
        assertEquals(OTHER, cache.lookup(N).orElseThrow().linkAddress());
    }

    @Test
    void reachableExpiresToStaleAfterReachableTime() {
        reachable(0);
        long t = cache.reachableTime();
        assertEquals(t, cache.deadline());
        assertEquals(List.of(), cache.onTimer(t));
        assertEquals(NeighborState.STALE, state());
        assertEquals(Long.MAX_VALUE, cache.deadline());
    }

    @Test
    void sendingToAStaleNeighbourDeliversAndStartsTheDelay() {
        stale();
        assertEquals(List.of(new Deliver<>(N, MAC, List.of("p"))), cache.send(N, "p", 10));
        assertEquals(NeighborState.DELAY, state());
        assertEquals(10 + 5 * S, cache.deadline());
    }

    @Test
    void aReachableEntryPastItsTimeGoesStaleThenDelayOnSendEvenBeforeTheTimerRuns() {
        reachable(0);
        cache.send(N, "p", cache.reachableTime() + 1);
        assertEquals(NeighborState.DELAY, state());
    }

    @Test
    void upperLayerConfirmationInDelayMakesItReachableWithoutProbing() {
        stale();
        cache.send(N, "p", 0);
        cache.confirmReachable(N, S);
        assertEquals(NeighborState.REACHABLE, state());
        assertEquals(List.of(), cache.onTimer(5 * S));
    }

    @Test
    void delayExpiryProbesByUnicastAndProbeGivesUpAfterThree() {
        stale();
        cache.send(N, "p", 0);
        assertEquals(List.of(new SendUnicastSolicitation<String>(N, MAC)), cache.onTimer(5 * S));
        assertEquals(NeighborState.PROBE, state());
        assertEquals(List.of(new SendUnicastSolicitation<String>(N, MAC)), cache.onTimer(6 * S));
        assertEquals(List.of(new SendUnicastSolicitation<String>(N, MAC)), cache.onTimer(7 * S));
        assertEquals(List.of(), cache.onTimer(8 * S));
        assertTrue(cache.lookup(N).isEmpty(), "the entry is discarded");
        assertEquals(List.of(new SendMulticastSolicitation<String>(N)), cache.send(N, "q", 9 * S), "and resolution starts afresh");
    }

    @Test
    void packetsToAProbedNeighbourStillGoToItsCachedAddress() {
        stale();
        cache.send(N, "p", 0);
        cache.onTimer(5 * S);
        assertEquals(List.of(new Deliver<>(N, MAC, List.of("q"))), cache.send(N, "q", 5 * S + 1));
        assertEquals(NeighborState.PROBE, state());
    }

    @Test
    void aSolicitedAdvertisementAnswersTheProbe() {
        stale();
        cache.send(N, "p", 0);
        cache.onTimer(5 * S);
        cache.onAdvertisement(N, MAC, SOLICITED, 5 * S + 100);
        assertEquals(NeighborState.REACHABLE, state());
        assertEquals(5 * S + 100 + cache.reachableTime(), cache.deadline());
    }

    @Test
    void solicitedWithoutOverrideAndADifferentAddressMakesReachableStaleKeepingTheAddress() {
        reachable(0);
        cache.onAdvertisement(N, OTHER, SOLICITED, 1);
        assertEquals(NeighborState.STALE, state());
        assertEquals(MAC, cache.lookup(N).orElseThrow().linkAddress());
    }

    @Test
    void withoutOverrideADifferentAddressChangesNothingOutsideReachable() {
        stale();
        cache.onAdvertisement(N, OTHER, SOLICITED, 1);
        cache.onAdvertisement(N, OTHER, UNSOLICITED, 1);
        assertEquals(NeighborState.STALE, state());
        assertEquals(MAC, cache.lookup(N).orElseThrow().linkAddress());
    }

    @Test
    void solicitedWithOverrideAndADifferentAddressRecordsItAndMakesReachable() {
        stale();
        cache.onAdvertisement(N, OTHER, SOLICITED_OVERRIDE, 1);
        assertEquals(NeighborState.REACHABLE, state());
        assertEquals(OTHER, cache.lookup(N).orElseThrow().linkAddress());
    }

    @Test
    void unsolicitedOverrideWithADifferentAddressRecordsItAndMakesStale() {
        reachable(0);
        cache.onAdvertisement(N, OTHER, OVERRIDE, 1);
        assertEquals(NeighborState.STALE, state());
        assertEquals(OTHER, cache.lookup(N).orElseThrow().linkAddress());
    }

    @Test
    void unsolicitedWithTheSameAddressChangesNothingAndSolicitedWithoutAddressConfirms() {
        reachable(0);
        long deadline = cache.deadline();
        cache.onAdvertisement(N, MAC, OVERRIDE, 1);
        assertEquals(NeighborState.REACHABLE, state());
        assertEquals(deadline, cache.deadline());
        cache.onLinkLayerAddress(N, OTHER, 2);
        assertEquals(NeighborState.STALE, state());
        cache.onAdvertisement(N, null, SOLICITED, 3);
        assertEquals(NeighborState.REACHABLE, state());
    }

    @Test
    void theRouterFlagFollowsTheLastAdvertisement() {
        reachable(0);
        cache.onAdvertisement(N, MAC, new Flags(true, true, true), 1);
        assertTrue(cache.lookup(N).orElseThrow().router());
        cache.onAdvertisement(N, MAC, SOLICITED, 2);
        assertFalse(cache.lookup(N).orElseThrow().router());
    }

    @Test
    void confirmationDoesNotCompleteResolution() {
        cache.send(N, "p", 0);
        cache.confirmReachable(N, 1);
        assertEquals(NeighborState.INCOMPLETE, state());
    }

    @Test
    void aFullCacheEvictsTheLeastRecentlyUsedEntryHandingBackItsPackets() {
        var small = new NeighborCache<String>(new NeighborConfig(30 * S, S, 5 * S, 3, 3, 3, 2), new SplittableRandom(1), 0);
        var a = Address.parse("fe80::a");
        var b = Address.parse("fe80::b");
        var c = Address.parse("fe80::c");
        small.send(a, "to a", 0);
        small.onLinkLayerAddress(b, MAC, 0);
        small.send(b, "to b", 1);
        assertEquals(List.of(new Unreachable<>(a, List.of("to a"))), small.onLinkLayerAddress(c, OTHER, 2));
        assertEquals(2, small.size());
        assertTrue(small.lookup(a).isEmpty());
    }

    @Test
    void forgettingAnEntryReturnsItsQueue() {
        cache.send(N, "p", 0);
        assertEquals(List.of(new Unreachable<>(N, List.of("p"))), cache.forget(N));
        assertEquals(0, cache.size());
    }
}
