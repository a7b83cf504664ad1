package packos.machine.wire;

/**
 * What a network card's cable is plugged into: a Linux TAP device, Ethernet frames in UDP
 * datagrams, user-mode networking, or nothing. Frames are whole Ethernet frames from the
 * destination MAC address on, without preamble or frame check sequence.
 *
 * <p>A wire reads on a platform thread of its own (a blocking native read would pin a virtual
 * thread's carrier, see FACTS.md) and hands each frame to the card; it never runs on a context.
 */
public interface EthernetWire extends AutoCloseable {
    /** Ethernet II without FCS: 14 header bytes plus up to 1500 of payload. */
    int MAX_FRAME = 1514;
    /** The Ethernet header alone: anything shorter is not a frame. */
    int MIN_FRAME = 14;

    /** Whether {@code length} bytes can be one frame on a wire: a header, and no more than MAX_FRAME. */
    static boolean isFrameLength(int length) { return length >= MIN_FRAME && length <= MAX_FRAME; }

    /** Starts delivering received frames to {@code receiver}; at most once. */
    void start(FrameReceiver receiver);

    /** Sends one frame; false when the wire dropped it (full, down, or too long). Never blocks for long. */
    boolean transmit(byte[] frame, int off, int len);

    /** One line for the console: {@code tap:tap0}, {@code udp:[::1]:7000,[::1]:7001}, {@code none}. */
    String describe();

    /** Stops reading and releases what the wire holds (a file descriptor, a socket). Idempotent. */
    @Override
    void close();
}
