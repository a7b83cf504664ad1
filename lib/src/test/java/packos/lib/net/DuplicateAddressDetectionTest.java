package packos.lib.net;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import packos.kernel.Address;
import packos.lib.net.DuplicateAddressDetection.State;
import packos.lib.net.DuplicateAddressDetection.Step;

class DuplicateAddressDetectionTest {
    private static final long S = NeighborConfig.SECOND;
    private static final Address TENTATIVE = Address.parse("fe80::5054:ff:fe12:3456");
    private static final Address OTHER = Address.parse("fe80::1");

    private final DuplicateAddressDetection dad = new DuplicateAddressDetection(TENTATIVE, DuplicateAddressDetection.DEFAULT_TRANSMITS, S);

    @Test
    void oneProbeAndASilentRetransTimerMakeTheAddressUnique() {
        assertEquals(Step.SEND_PROBE, dad.start(0));
        assertEquals(S, dad.deadline());
        assertEquals(Step.WAIT, dad.onTimer(S - 1));
        assertEquals(Step.UNIQUE, dad.onTimer(S));
        assertEquals(State.UNIQUE, dad.state());
        assertEquals(Long.MAX_VALUE, dad.deadline());
    }

    @Test
    void moreTransmitsSendAProbeEveryRetransTimer() {
        var three = new DuplicateAddressDetection(TENTATIVE, 3, S);
        assertEquals(Step.SEND_PROBE, three.start(0));
        assertEquals(Step.SEND_PROBE, three.onTimer(S));
        assertEquals(Step.SEND_PROBE, three.onTimer(2 * S));
        assertEquals(Step.UNIQUE, three.onTimer(3 * S));
    }

    @Test
    void zeroTransmitsTurnsDetectionOff() {
        assertEquals(Step.UNIQUE, new DuplicateAddressDetection(TENTATIVE, 0, S).start(0));
    }

    @Test
    void anotherNodesProbeForTheSameAddressIsADuplicate() {
        dad.start(0);
        assertEquals(Step.DUPLICATE, dad.onSolicitation(TENTATIVE, Address.UNSPECIFIED));
        assertEquals(State.DUPLICATE, dad.state());
        assertEquals(Step.WAIT, dad.onTimer(S), "a duplicate address stays unassigned");
    }

    @Test
    void aResolvingSolicitationFromAUnicastSourceIsIgnored() {
        dad.start(0);
        assertEquals(Step.WAIT, dad.onSolicitation(TENTATIVE, OTHER));
        assertEquals(Step.WAIT, dad.onSolicitation(OTHER, Address.UNSPECIFIED));
        assertEquals(State.TENTATIVE, dad.state());
    }

    @Test
    void anAdvertisementForTheTentativeAddressIsADuplicate() {
        dad.start(0);
        assertEquals(Step.WAIT, dad.onAdvertisement(OTHER));
        assertEquals(Step.DUPLICATE, dad.onAdvertisement(TENTATIVE));
        assertEquals(Step.WAIT, dad.onAdvertisement(TENTATIVE), "decided once");
    }

    @Test
    void onlyUnicastAddressesAreTentativeAndDetectionStartsOnce() {
        assertThrows(IllegalArgumentException.class, () -> new DuplicateAddressDetection(Address.parse("ff02::1"), 1, S));
        dad.start(0);
        assertThrows(IllegalStateException.class, () -> dad.start(1));
    }
}
