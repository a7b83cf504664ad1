package packos.lib.timer;

import packos.kernel.Address;
import packos.kernel.Prefix;

/**
 * The timer service's wire format (UDP port 4000), in network byte order.
 * <pre>
 * request, 24 bytes: version u16 | command u16 | requestId u32 | timerId u32 | flags u32 | interval u64 (microseconds)
 * reply,   24 bytes: version u16 | command u16 | requestId u32 | timerId u32 | error u32 | machine time u64 (nanoseconds)
 * forget,  24 bytes: version u16 | command u16 | requestId u32 | owner (16-byte IPv6 address)
 * </pre>
 * Open is answered only on error; each expiry sends a Tick reply. flags bit 0: repeat.
 *
 * <p>The service is a process of its own at {@link #serviceAddress}: the KAN prefix with interface
 * identifier 4000:0:0 (named after its port), so that a restarted service is found where it was.
 * It is far above the addresses processes get in start order (::3, ::4, ... counting up), so
 * those are the boot config's alone however many processes there are: at ::4000 the 16,382nd
 * process and every one after it would have moved up by one.
 * Two messages come from the scheduler only: Forget, to the service, when a process ended (its
 * timers go, so a restarted life at the same address never gets the last life's ticks); and
 * Restarted, a reply-shaped notice to UDP 4000 of every live process when the service itself was
 * restarted and its table is gone, so that each process's library opens its timers again.
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
    /** Scheduler to service: drop every timer of the process at the given address. */
    public static final int FORGET = 4;
    /** Scheduler to a process: the service was restarted; every open timer must be opened again. */
    public static final int RESTARTED = 5;

    /** The interface identifier of the service's address under the KAN prefix: ::4000:0:0. */
    public static final long SERVICE_INTERFACE_ID = 0x4000_0000_0000L;
    /** The machine's clock interrupt line, which the service holds (capability irq:0). */
    public static final int CLOCK_LINE = 0;

    private TimerProtocol() {}

    /** Where the timer service lives on the KAN with prefix {@code kan}. */
    public static Address serviceAddress(Prefix kan) { return kan.address().withInterfaceId(SERVICE_INTERFACE_ID); }

    /** The command of a 24-byte message without decoding the rest, or {@link #INVALID} for any other length. */
    public static int commandOf(byte[] message) {
        if (message.length != MESSAGE_LENGTH) return INVALID;
        return (message[2] & 0xff) << 8 | message[3] & 0xff;
    }
}
