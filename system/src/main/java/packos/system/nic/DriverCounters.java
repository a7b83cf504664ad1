package packos.system.nic;

/** What the RTL8139's rings have done, by direction and by reason for each drop; the start of the driver's stats line. */
final class DriverCounters {
    long framesIn, framesOut, framesQueued;
    long rxBadHeader, rxOverflow;
    long txQueueFull, txErrors;

    String line() {
        return "frames in %d, out %d (queued %d); drops: rx bad header %d, rx overflow %d, tx queue full %d, tx errors %d"
                .formatted(framesIn, framesOut, framesQueued, rxBadHeader, rxOverflow, txQueueFull, txErrors);
    }
}
