package packos.system.nic;

/** What the driver has done, by direction and by reason for each drop; one line for the console and tests. */
final class DriverCounters {
    long interrupts, bogusInterrupts;
    long framesIn, framesOut, framesQueued;
    long rxBadHeader, rxOverflow, rxNoUser, rxUserQueueFull;
    long txQueueFull, txErrors, txFromStranger;
    long linkMalformed, attachments, userGone;

    String line() {
        return ("frames in %d, out %d (queued %d); interrupts %d (bogus %d); drops: rx bad header %d, rx overflow %d, rx no user %d,"
                + " rx user queue full %d, tx queue full %d, tx errors %d, tx from stranger %d; link malformed %d; attachments %d, user gone %d")
                .formatted(framesIn, framesOut, framesQueued, interrupts, bogusInterrupts, rxBadHeader, rxOverflow, rxNoUser, rxUserQueueFull,
                        txQueueFull, txErrors, txFromStranger, linkMalformed, attachments, userGone);
    }
}
