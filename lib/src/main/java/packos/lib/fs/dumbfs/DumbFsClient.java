package packos.lib.fs.dumbfs;

import static packos.lib.fs.dumbfs.DumbFs.*;

import java.util.List;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.fs.DirectoryEntry;
import packos.lib.fs.FilePath;
import packos.lib.fs.FileStat;
import packos.lib.fs.FileSystem;
import packos.lib.fs.OpenFile;
import packos.lib.fs.OpenMode;
import packos.lib.fs.PositionedFile;
import packos.lib.Process;
import packos.lib.net.Pollable;
import packos.lib.net.UdpSocket;
import packos.lib.wire.MalformedPacketException;

/**
 * The DumbFS client (the original's {@code FileSystemDumbFSNew(serverAddr, port)}): each call is one
 * request datagram and one reply, waited for with a retransmission every {@code retransmitNanos} of
 * machine time. A retransmission carries the same requestId, so a server that did the request
 * already answers from its reply cache and never opens, writes or renames twice. After
 * {@code giveUpNanos} without a reply the call is CONNECTION_TIMED_OUT (the original retried for
 * ever). Reads and writes move at most 1024 bytes per request, as the protocol has it; a larger
 * write is several requests.
 *
 * <p>DumbFS has no listing, no mkdir and no truncate: those are NOT_IMPLEMENTED. Paths are sent
 * in canonical form without the leading '/'.
 */
public final class DumbFsClient implements FileSystem {
    public static final long DEFAULT_RETRANSMIT_NANOS = 1_000_000_000L;
    public static final long DEFAULT_GIVE_UP_NANOS = 30_000_000_000L;

    private final Process self;
    private final Address server;
    private final int port;
    private final long retransmitNanos;
    private final long giveUpNanos;
    private UdpSocket socket;
    private int nextId;
    private long retransmissions;

    /** @param firstId the first requestId: a random one, so a restarted process does not meet its former life's cached replies */
    public DumbFsClient(Process self, Address server, int port, int firstId, long retransmitNanos, long giveUpNanos) {
        this.self = self;
        this.server = server;
        this.port = port == 0 ? PORT : port;
        this.nextId = firstId & 0xffff;
        this.retransmitNanos = retransmitNanos;
        this.giveUpNanos = giveUpNanos;
    }

    public DumbFsClient(Process self, Address server, int port, int firstId) {
        this(self, server, port, firstId, DEFAULT_RETRANSMIT_NANOS, DEFAULT_GIVE_UP_NANOS);
    }

    @Override
    public String describe() { return "DumbFS at [" + server + "]:" + port; }

    /** Requests sent again for want of a reply. */
    public long retransmissions() { return retransmissions; }

    @Override
    public OpenFile open(String path, OpenMode mode) {
        var p = wirePath(path);
        int flags = (mode.read() ? FLAG_READ : 0) | (mode.write() ? FLAG_WRITE : 0) | (mode.append() ? FLAG_APPEND : 0)
                | (mode.create() ? FLAG_CREATE : 0) | (mode.truncate() ? FLAG_TRUNCATE : 0) | (mode.exclusive() ? FLAG_EXCLUSIVE : 0);
        var reply = call(OPEN, id -> DumbFsRequest.open(id, p, flags), path);
        return new DumbFsFile(FilePath.parse(path).toString(), mode, reply.fileId());
    }

    @Override
    public FileStat stat(String path) {
        var reply = call(STAT, id -> DumbFsRequest.stat(id, wirePath(path)), path);
        return new FileStat(FilePath.parse(path).lastName(), reply.isDirectory(), reply.isDirectory() ? 0 : reply.size(), 0);
    }

    @Override
    public List<DirectoryEntry> list(String directory) {
        throw new KernelException(ErrorCode.NOT_IMPLEMENTED, () -> "cannot list " + FilePath.parse(directory) + ": DumbFS has no listing");
    }

    @Override
    public void mkdir(String path) {
        throw new KernelException(ErrorCode.NOT_IMPLEMENTED, () -> "cannot make " + FilePath.parse(path) + ": DumbFS has no mkdir");
    }

    @Override
    public void truncate(String path, long size) {
        throw new KernelException(ErrorCode.NOT_IMPLEMENTED, () -> "cannot truncate " + FilePath.parse(path) + ": DumbFS has no truncate");
    }

    @Override
    public void delete(String path) { call(DELETE, id -> DumbFsRequest.delete(id, wirePath(path)), path); }

    @Override
    public void rename(String from, String to) {
        var a = wirePath(from);
        var b = wirePath(to);
        call(RENAME, id -> DumbFsRequest.rename(id, a, b), from);
    }

    /** Closes the socket; open files are the server's to forget. */
    public void close() {
        if (socket != null) socket.close();
        socket = null;
    }

    private static String wirePath(String path) {
        var p = FilePath.parse(path).toString().substring(1);
        if (p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH) {
            throw new KernelException(ErrorCode.NAME_TOO_LONG, () -> "DumbFS paths are at most " + MAX_PATH + " bytes: " + path.length() + " characters");
        }
        return p;
    }

    private interface Encoder {
        byte[] request(int id);
    }

    /** Sends a request until its reply comes; a reply that carries an error is thrown as it. */
    private DumbFsReply call(int command, Encoder encoder, String path) {
        if (socket == null) {
            socket = self.net().udp();
            // An ICMPv6 error (no route yet, the router restarting) is a loss: the retransmission asks again.
            socket.onError(report -> { });
        }
        int id = nextId;
        nextId = (nextId + 1) & 0xffff;
        var request = encoder.request(id);
        long start = self.now();
        var poller = self.net().poller().add(socket, Pollable.READABLE);
        for (boolean first = true; ; first = false) {
            long now = self.now();
            if (now - start >= giveUpNanos) {
                throw new KernelException(ErrorCode.CONNECTION_TIMED_OUT, () -> describe() + " did not answer " + commandName(command)
                        + " of " + FilePath.parse(path) + " in " + giveUpNanos / 1_000_000 + " ms");
            }
            if (!first) retransmissions++;
            try {
                socket.send(server, port, request);
            } catch (KernelException e) {
                // No gateway yet or a full queue: as good as lost on the wire.
            }
            long deadline = Math.min(now + retransmitNanos, start + giveUpNanos);
            for (long left; (left = deadline - self.now()) > 0; ) {
                poller.poll(left);
                for (var d = socket.poll(); d != null; d = socket.poll()) {
                    if (!d.source().equals(server) || d.sourcePort() != port) continue;
                    DumbFsReply reply;
                    try {
                        reply = DumbFsReply.check(d.data(), d.data().length);
                    } catch (MalformedPacketException e) {
                        continue;
                    }
                    if (reply.requestId() != id || reply.command() != command) continue;  // a late answer to an earlier call
                    if (reply.error() != 0) throw refusal(reply.error(), command, path);
                    return reply;
                }
            }
        }
    }

    private KernelException refusal(int error, int command, String path) {
        ErrorCode code;
        try {
            code = ErrorCode.fromNumber(error);
        } catch (IllegalArgumentException e) {
            code = ErrorCode.PROTOCOL_ERROR;
        }
        var c = code;
        return new KernelException(c, () -> commandName(command) + " of " + FilePath.parse(path) + " at " + describe()
                + (c == ErrorCode.PROTOCOL_ERROR ? ": unknown error " + error : ""));
    }

    /** A file the server holds open for us by its id. */
    private final class DumbFsFile extends PositionedFile {
        private final long fileId;

        DumbFsFile(String path, OpenMode mode, long fileId) {
            super(path, mode);
            this.fileId = fileId;
        }

        @Override
        protected int fetch(long position, byte[] buffer, int offset, int length) {
            int count = Math.min(length, MAX_BUFFER);
            if (position > 0xffffffffL - count) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "DumbFS positions are 32 bits");
            try {
                var reply = call(READ, id -> DumbFsRequest.read(id, fileId, position, count), path());
                int actual = (int) Math.min(reply.actual(), count);
                System.arraycopy(reply.bytes(), reply.dataOffset(), buffer, offset, actual);
                return actual;
            } catch (KernelException e) {
                if (e.code() == ErrorCode.END_OF_FILE) return 0;
                throw e;
            }
        }

        @Override
        protected void store(long position, byte[] buffer, int offset, int length) {
            for (int done = 0; done < length; ) {
                int count = Math.min(length - done, MAX_BUFFER);
                long at = position + done;
                if (at > 0xffffffffL - count) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "DumbFS positions are 32 bits");
                int from = offset + done;
                var reply = call(WRITE, id -> DumbFsRequest.write(id, fileId, at, buffer, from, count), path());
                if (reply.actual() != count) {
                    throw new KernelException(ErrorCode.OUT_OF_DISK, () -> "the server wrote " + reply.actual() + " of " + count + " bytes of " + path());
                }
                done += count;
            }
        }

        @Override
        protected long length() { return stat(path()).size(); }

        @Override
        protected void cut(long size) { DumbFsClient.this.truncate(path(), size); }

        @Override
        protected void release() { call(CLOSE, id -> DumbFsRequest.close(id, fileId), path()); }
    }
}
