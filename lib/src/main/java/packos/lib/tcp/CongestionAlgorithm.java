package packos.lib.tcp;

/**
 * Which {@link CongestionController} a connection's window follows, chosen in its
 * {@link TcpConfig}: per socket ({@code Network.connect(address, port, config)}) or for every
 * connection a process makes and accepts from then on ({@code Network.setTcpDefaults}).
 */
public enum CongestionAlgorithm {
    /** RFC 5681 with RFC 6582 recovery: halve on loss, one segment more per round trip. The default. */
    NEW_RENO,
    /** RFC 9438: back to 0.7 of the window on loss, then a cubic curve in time; Linux's default. */
    CUBIC;

    CongestionController controller() {
        return switch (this) {
            case NEW_RENO -> new NewReno();
            case CUBIC -> new Cubic();
        };
    }
}
