package packos.lib.sched;

/**
 * The scheduler control protocol (TCP port 4000 on the scheduler), as in the original, in
 * network byte order.
 * <pre>
 * request,  8 bytes: version u16 | command u16 | requestId u16 | reserved u16
 * reply,   12 bytes: version u16 | command u16 | requestId u16 | reserved u16 | error u32
 * </pre>
 * The scheduler knows the client by the connection's peer address.
 */
public final class ControlProtocol {
    public static final int PORT = 4000;
    public static final int VERSION = 1;
    public static final int REQUEST_LENGTH = 8;
    public static final int REPLY_LENGTH = 12;
    public static final int INVALID = 0;
    public static final int REPORT_INITED = 1;

    private ControlProtocol() {}
}
