package packos.system.router;

/** What the router forwarded, refused and dropped, and why; the link to the driver counts its own messages ({@code LinkCounters}). */
public final class RouterStats {
    long forwardedToEthernet, forwardedToKan, timeExceeded, packetTooBig, noRoute, addressUnreachable, linkDown, linkLocalDropped,
            bogusSource, spoofedKanSource, malformed, kanQueueFull, errorsSent, errorsNotAllowed, errorsRateLimited, framesBeforeLink;

    @Override
    public String toString() {
        return "forwardedToEthernet=" + forwardedToEthernet + " forwardedToKan=" + forwardedToKan + " timeExceeded=" + timeExceeded
                + " packetTooBig=" + packetTooBig + " noRoute=" + noRoute + " addressUnreachable=" + addressUnreachable + " linkDown=" + linkDown
                + " linkLocalDropped=" + linkLocalDropped + " bogusSource=" + bogusSource + " spoofedKanSource=" + spoofedKanSource
                + " malformed=" + malformed + " kanQueueFull=" + kanQueueFull + " errorsSent=" + errorsSent + " errorsNotAllowed="
                + errorsNotAllowed + " errorsRateLimited=" + errorsRateLimited + " framesBeforeLink=" + framesBeforeLink;
    }
}
