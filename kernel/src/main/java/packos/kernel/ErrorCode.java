package packos.kernel;

/**
 * The errors of PackOS, named so a user can act on them. The numbers travel on the wire
 * (timer and control replies), so they are fixed here and never reused.
 */
public enum ErrorCode {
    NONE(0, "no error"),
    INVALID_ARGUMENT(3, "an argument was not valid"),
    DOES_NOT_EXIST(4, "no such thing"),
    END_OF_FILE(5, "end of file"),
    RESOURCE_IN_USE(6, "the resource is already in use"),
    RESOURCE_NOT_IN_USE(7, "the resource is not held by the caller"),
    OUT_OF_MEMORY(10, "out of memory"),
    NO_PACKET_AVAILABLE(17, "no packet is waiting"),
    PACKET_QUEUE_FULL(18, "the receiver's packet queue is full; the sender keeps the packet"),
    ADDRESS_IN_USE(21, "the address is already in use"),
    CONTEXT_FINISHED(23, "the context has finished"),
    CONTEXT_YIELDED_BACK(26, "the context gave the CPU back"),
    YIELDED_TO_BLOCKED(27, "the context is blocked waiting for a packet"),
    NO_SUCH_INTERRUPT(28, "no such interrupt line"),
    PORT_ALREADY_BOUND(36, "the port is already bound"),
    ALL_ANON_PORTS_BOUND(37, "every anonymous port is bound"),
    SOCKET_NOT_BOUND(40, "the socket is not bound"),
    WRONG_PROTOCOL_VERSION(42, "wrong protocol version"),
    BAD_PROTOCOL_CMD(43, "bad protocol command"),
    PROTOCOL_ERROR(44, "protocol error"),
    NO_DEST_PORT(45, "no destination port"),
    NO_ROUTE_TO_HOST(46, "no route to host"),
    ADDRESS_UNREACHABLE(47, "no context has that KAN address"),
    CONNECTION_CLOSED(50, "the connection is closed"),
    CONNECTION_RESET_BY_PEER(51, "the connection was reset by the peer"),
    HOP_LIMIT_EXCEEDED(53, "hop limit exceeded"),
    NO_SUCH_DEVICE(77, "no such device"),
    PERMISSION_DENIED(93, "permission denied"),
    // Errors the original did not have.
    SOURCE_NOT_OWNED(100, "the packet's IPv6 source is not the sender's address and the sender lacks the 'forward' capability"),
    MALFORMED_PACKET(101, "the packet is not a well-formed IPv6 packet"),
    CAPABILITY_MISSING(102, "the caller lacks the capability this call needs"),
    NOT_A_POOL_PACKET(103, "the packet was not allocated from the kernel's pool"),
    OUT_OF_PACKETS(104, "the kernel's packet pool is exhausted"),
    QUOTA_EXCEEDED(105, "the context's packet quota is exhausted"),
    NOT_RUNNABLE(106, "the context cannot be given a CPU now"),
    NO_IDLE_CPU(107, "no CPU is idle"),
    MESSAGE_TOO_LONG(108, "the message does not fit in one packet"),
    TIMER_NOT_OPEN(109, "no such timer is open"),
    CONNECTION_REFUSED(110, "connection refused"),
    CONNECTION_TIMED_OUT(111, "the peer stopped answering"),
    NOT_CONNECTED(112, "the socket is not connected"),
    IS_DIRECTORY(113, "the path names a directory"),
    IS_NOT_DIRECTORY(114, "the path does not name a directory"),
    READ_ONLY_FILESYSTEM(115, "the file system is read-only"),
    WOULD_BLOCK(116, "the call would have to wait"),
    WRONG_NEXT_HOP(117, "the KAN destination is not the packet's next hop: its IPv6 destination if that is on the KAN,"
            + " a member of its multicast group, else a router (a context holding 'forward')"),
    // The original's file errors, and the few a writable file layer adds.
    NOT_IMPLEMENTED(118, "the operation is not implemented here"),
    ACCESS_DENIED(119, "access denied"),
    CROSS_FILESYSTEM_MOVE(120, "a rename cannot move a file to another file system"),
    DIRECTORY_NOT_EMPTY(121, "the directory is not empty"),
    NAME_TOO_LONG(122, "the name or path is too long"),
    NOT_OPEN_FOR_READ(123, "the file is not open for reading"),
    NOT_OPEN_FOR_WRITE(124, "the file is not open for writing"),
    BUFFER_FULL(125, "the buffer is full"),
    OUT_OF_DISK(126, "no space is left on the file system"),
    ALREADY_EXISTS(127, "the path already names a file or directory"),
    TOO_MANY_OPEN_FILES(128, "too many files are open");

    private final int number;
    private final String description;

    ErrorCode(int number, String description) {
        this.number = number;
        this.description = description;
    }

    public int number() { return number; }

    public String description() { return description; }

    /** The name as the original printed it: PACKET_QUEUE_FULL is "PacketQueueFull". */
    public String displayName() {
        var sb = new StringBuilder();
        for (String part : name().split("_")) sb.append(part.charAt(0)).append(part.substring(1).toLowerCase());
        return sb.toString();
    }

    public static ErrorCode fromNumber(int number) {
        for (var c : values()) if (c.number == number) return c;
        throw new IllegalArgumentException("no error code has number " + number);
    }
}
