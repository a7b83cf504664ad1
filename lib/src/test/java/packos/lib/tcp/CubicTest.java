package packos.lib.tcp;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** CUBIC's window against RFC 9438: the reduction, K, the curve, the Reno-friendly region, fast convergence, timeouts. */
class CubicTest {
    private static final int MSS = 1000;
    private static final long MS = TcpConfig.MILLISECOND;
    private static final long SECOND = TcpConfig.SECOND;

    private final Cubic cubic = new Cubic();
    private long now;

    /** A window of {@code segments} that meets a loss with all of it in flight, at time 0. */
    private void lossAt(int segments) {
        cubic.start(MSS, (long) segments * MSS);
        cubic.congestion((long) segments * MSS, 0);
    }

    private double segments() { return (double) cubic.window() / MSS; }

    /** ACK-clocked round trips: each acknowledges the window, one segment per ACK, spread over the round trip. */
    private void roundTrips(int n, long rtt) {
        for (int r = 0; r < n; r++) {
            long w = cubic.window() / MSS;
            for (long i = 0; i < w; i++) cubic.acknowledged(MSS, now + rtt * i / w, rtt);
            now += rtt;
        }
    }

    /** Round trips until {@code seconds} have passed since the loss. */
    private void until(double seconds, long rtt) {
        while (now < (long) (seconds * SECOND)) roundTrips(1, rtt);
    }

    /**
     * The window t seconds into a stage is on RFC 9438's curve C (t - K)^3 + plateau: at least where
     * the curve is now (less a segment of rounding) and at most where it will be one round trip
     * on, which is where each ACK aims (sections 4.4, 4.5).
     */
    private void assertOnCurve(double t, double k, double plateau, double rttSeconds) {
        double low = 0.4 * Math.pow(t - k, 3) + plateau;
        double high = 0.4 * Math.pow(t + rttSeconds - k, 3) + plateau;
        assertTrue(segments() >= low - 1 && segments() <= high + 1,
                "at t = " + t + " s the window is " + segments() + " segments, the curve " + low + " to " + high);
    }

    @Test
    void kIsTheTimeTheCurveTakesBackToWmax() {
        // Equation 2: K = cubic_root((W_max - cwnd_epoch) / C); with cwnd_epoch = 0.7 W_max that is cubic_root(W_max * 0.3 / 0.4).
        assertEquals(StrictMath.cbrt(75), Cubic.k(100, 70), 1e-12);
        assertEquals(4.2172, Cubic.k(100, 70), 1e-4);
        assertEquals(StrictMath.cbrt(1000 * 0.3 / 0.4), Cubic.k(1000, 700), 1e-12);
        assertEquals(0, Cubic.k(70, 100), "no plateau above the window: the curve starts at once in its convex part");
    }

    @Test
    void aLossCutsTheWindowToBetaTimesWmax() {
        lossAt(100);
        assertEquals(70, segments(), 1e-9, "cwnd = W_max * beta_cubic, beta_cubic = 0.7");
        assertEquals(70L * MSS, cubic.ssthresh());
        assertEquals(100, cubic.wMax(), 1e-9);
    }

    @Test
    void afterALossTheWindowFollowsTheCubicCurveThroughWmaxAtK() {
        long rtt = 100 * MS;
        lossAt(100);
        roundTrips(1, rtt); // the stage's first ACK sets t_epoch and K
        assertEquals(Cubic.k(100, 70), cubic.k(), 1e-9);
        double k = cubic.k();
        for (double t : new double[] {1, 2, 3, k, k + 1, 6, 2 * k}) {
            until(t, rtt);
            assertOnCurve((double) now / SECOND, k, 100, 0.1);
        }
        assertTrue(segments() > 125, "past K the curve is convex and leaves W_max behind: " + segments());
    }

    @Test
    void theCurveIsConcaveBelowWmaxAndFlatAroundIt() {
        long rtt = 100 * MS;
        lossAt(100);
        roundTrips(1, rtt);
        double k = cubic.k();
        until(k - 1, rtt);
        double before = segments();
        until(k - 0.5, rtt);
        double nearPlateau = segments() - before;
        until(k + 0.5, rtt);
        double acrossPlateau = segments() - before - nearPlateau;
        assertTrue(before < 100 && segments() < 101, "the window waits near W_max around K: " + before + " -> " + segments());
        assertTrue(acrossPlateau < 1.0, "one second across the plateau adds under a segment: " + acrossPlateau);
    }

    @Test
    void onAShortRoundTripTheRenoFriendlyEstimateLeads() {
        long rtt = MS;
        lossAt(100);
        roundTrips(50, rtt);
        // Section 4.3: W_est grows alpha_cubic = 3 (1 - 0.7) / (1 + 0.7) segments per round trip while below cwnd_prior.
        double renoEstimate = 70 + 50 * Cubic.ALPHA;
        double curve = 0.4 * Math.pow(0.05 - Cubic.k(100, 70), 3) + 100;
        assertTrue(curve < renoEstimate - 20, "the cubic curve alone would be at " + curve);
        assertEquals(renoEstimate, segments(), 1.0);
        roundTrips(60, rtt);
        // Past cwnd_prior (100 segments) the estimate grows as Reno's: one segment per round trip.
        double crossing = (100 - 70) / Cubic.ALPHA;
        assertEquals(100 + (110 - crossing), segments(), 1.5);
    }

    @Test
    void fastConvergenceReleasesBandwidthWhenLossesComeBelowTheLastMaximum() {
        lossAt(100);
        cubic.setWindow(90L * MSS);
        cubic.congestion(90L * MSS, SECOND);
        assertEquals(90 * (1 + 0.7) / 2, cubic.wMax(), 1e-9, "W_max = cwnd * (1 + beta_cubic) / 2 (section 4.7)");
        assertEquals(63L * MSS, cubic.window(), "cwnd = flight_size * beta_cubic (section 4.6)");
        cubic.setWindow(120L * MSS);
        cubic.congestion(120L * MSS, 2 * SECOND);
        assertEquals(120, cubic.wMax(), 1e-9, "a loss above the last maximum takes the window as it is");
    }

    @Test
    void afterATimeoutTheCurveStartsFromTheWindowOfTheNextStageWithKZero() {
        cubic.start(MSS, 100L * MSS);
        cubic.timeout(100L * MSS, true, 0);
        assertEquals(MSS, cubic.window(), "cwnd falls to one segment as Reno's (section 4.8)");
        assertEquals(70L * MSS, cubic.ssthresh(), "ssthresh is set with beta_cubic");
        while (cubic.window() < cubic.ssthresh()) cubic.acknowledged(MSS, now, 100 * MS); // slow start
        now = SECOND;
        roundTrips(1, 100 * MS);
        assertEquals(0, cubic.k(), 1e-12);
        // Early on Reno's estimate (alpha_cubic per round trip) outgrows C t^3: the Reno-friendly region.
        until(2, 100 * MS);
        double t = (double) (now - SECOND) / SECOND;
        assertTrue(segments() > 70 + 0.4 * Math.pow(t + 0.1, 3) + 1, "Reno-friendly at t = " + t + ": " + segments());
        // Later the curve from the stage's own start, W_cubic(t) = C t^3 + cwnd_epoch, leads.
        until(7, 100 * MS);
        assertOnCurve((double) (now - SECOND) / SECOND, 0, 70, 0.1);
        assertTrue(segments() > 150, "far beyond the old window: nothing is known about the path after a timeout");
    }

    @Test
    void slowStartBelowSsthreshGrowsOneSegmentPerAckAsRenos() {
        cubic.start(MSS, 10L * MSS);
        for (int i = 0; i < 10; i++) cubic.acknowledged(MSS, 0, 0);
        assertEquals(20L * MSS, cubic.window());
    }
}
