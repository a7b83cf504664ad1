package packos.lib.timer;

/**
 * The timer service's wire format (UDP port 4000 on the scheduler), in network byte order.
 * <pre>
 * request, 24 bytes: version u16 | command u16 | requestId u32 | timerId u32 | flags u32 | interval u64 (microseconds)
 * reply,   24 bytes: version u16 | command u16 | requestId u32 | timerId u32 | error u32 | machine time u64 (nanoseconds)
 * </pre>
 * Open is answered only on error; each expiry sends a Tick reply. flags bit 0: repeat.
 */
public final class TimerProtocol {
    public static final int PORT = 4000;
    public static final int VERSION = 1;
    public static final int MESSAGE_LENGTH = 24;
    public static final int FLAG_REPEAT = 1;

    public static final int INVALID = 0;
    public static final int OPEN = 1;
    public static final int CLOSE = 2;
    public static final int TICK = 3;

    private TimerProtocol() {}
}
