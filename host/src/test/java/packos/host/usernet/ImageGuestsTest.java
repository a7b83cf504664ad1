package packos.host.usernet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import packos.kernel.Address;
import packos.machine.wire.WireSpec.Guest;

class ImageGuestsTest {
    private static final Address WEB = Address.parse("fd00:7e8e::4");

    @Test
    void namesResolveOnlyOnceTheKernelIsAttachedAndAnUnnamedGuestIsTheWorkload() {
        var guests = new ImageGuests(Optional.of("web"));
        assertEquals(Optional.empty(), guests.addressOf(new Guest.Process("web")), "no kernel yet, no addresses");
        assertEquals(Optional.empty(), guests.addressOf(new Guest.Workload()));
        guests.attach(name -> Optional.ofNullable(Map.of("web", WEB).get(name)));
        assertEquals(Optional.of(WEB), guests.addressOf(new Guest.Process("web")));
        assertEquals(Optional.of(WEB), guests.addressOf(new Guest.Workload()));
        assertEquals(Optional.empty(), guests.addressOf(new Guest.Process("db")), "a process not created (yet)");
    }

    @Test
    void anAddressNeedsNoKernelAndEachGuestIsDescribedAsTheConsoleNamesIt() {
        var guests = new ImageGuests(Optional.of("web"));
        var at = new Guest.At((Inet6Address) InetAddress.ofLiteral("fd00:7e8e::9"));
        assertEquals(Optional.of(Address.parse("fd00:7e8e::9")), guests.addressOf(at));
        assertEquals(Optional.of("[fd00:7e8e::9]"), guests.describe(at));
        assertEquals(Optional.of("db"), guests.describe(new Guest.Process("db")));
        assertEquals(Optional.of("web"), guests.describe(new Guest.Workload()));
        assertEquals(Optional.empty(), new ImageGuests(Optional.empty()).describe(new Guest.Workload()), "an image without a workload");
    }
}
