package packos.lib.sched;

/**
 * The scheduler control protocol (TCP port 4000 on the scheduler), as in the original, in
 * network byte order.
 * <pre>
 * request,  8 bytes: version u16 | command u16 | requestId u16 | payload length u16
 * reply,   12 bytes: version u16 | command u16 | requestId u16 | reserved u16 | error u32
 * </pre>
 * The scheduler knows the client by the connection's peer address. The original had one command,
 * ReportInited (its last field was reserved, 0). Spawn is new: its request is followed by a
 * payload of the length its last field gives ({@link SpawnRequest}: the program, then each
 * argument, each ended by a NUL), and its successful reply by the new process's address (16
 * bytes). Only a process holding capability {@code spawn} may use it.
 */
public final class ControlProtocol {
    public static final int PORT = 4000;
    public static final int VERSION = 1;
    public static final int REQUEST_LENGTH = 8;
    public static final int REPLY_LENGTH = 12;
    public static final int INVALID = 0;
    public static final int REPORT_INITED = 1;
    public static final int SPAWN = 2;
    /** The largest spawn payload: a program name and its arguments are short. */
    public static final int MAX_PAYLOAD = 4096;
    /** What follows a successful spawn's reply: the new process's address. */
    public static final int ADDRESS_LENGTH = 16;

    private ControlProtocol() {}
}
