package packos.host.dumbfs;

import static packos.lib.fs.dumbfs.DumbFs.*;

import java.util.LinkedHashMap;
import java.util.Map;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.fs.FileSystem;
import packos.lib.fs.OpenFile;
import packos.lib.fs.OpenMode;
import packos.lib.fs.dumbfs.DumbFsReply;
import packos.lib.fs.dumbfs.DumbFsRequest;
import packos.lib.wire.MalformedPacketException;

/**
 * The DumbFS server's logic, without its socket: a request datagram from a client in, the reply
 * datagram out. It serves a {@link FileSystem}, in practice a {@link packos.host.files.ConfinedDirectory},
 * so every path is checked and nothing outside the directory is reached. Unlike the original's
 * server, it survives every request: a malformed one is answered with PROTOCOL_ERROR (or
 * BAD_PROTOCOL_CMD for an unknown command) when it carries a header to answer to, dropped when not.
 *
 * <p>Per client (address and port): at most {@link #MAX_OPEN_PER_CLIENT} open files, and the last
 * {@link #CACHED_REPLIES} replies by requestId, so that a retransmitted request is answered again
 * without being done again. At most {@link #MAX_CLIENTS} clients are remembered; the one heard from
 * longest ago is forgotten (its files closed) to make room.
 */
public final class DumbFsServer {
    public static final int MAX_OPEN_PER_CLIENT = 64;
    public static final int CACHED_REPLIES = 32;
    public static final int MAX_CLIENTS = 256;

    /** Who sent a request: an address as text and a port. */
    public record Client(String address, int port) {}

    private final FileSystem files;
    private final LinkedHashMap<Client, Session> clients = new LinkedHashMap<>(16, 0.75f, true);
    private long requests, malformed, refused, repeats;

    public DumbFsServer(FileSystem files) { this.files = files; }

    /** One client's open files and recent replies. */
    private static final class Session {
        final Map<Long, OpenFile> open = new LinkedHashMap<>();
        final LinkedHashMap<Integer, byte[]> replies = new LinkedHashMap<>();
        long nextFileId = 1;
    }

    /**
     * Answers one datagram.
     *
     * @return the reply to send back to the client, or null when there is none (fewer than 4 bytes: no header to answer to)
     */
    public synchronized byte[] answer(Client client, byte[] datagram, int length) {
        requests++;
        DumbFsRequest request;
        try {
            request = DumbFsRequest.check(datagram, length);
        } catch (MalformedPacketException e) {
            malformed++;
            if (length < 4) return null;
            int cmd = (datagram[0] & 0xff) << 8 | datagram[1] & 0xff;
            int id = (datagram[2] & 0xff) << 8 | datagram[3] & 0xff;
            boolean known = cmd >= OPEN && cmd <= STAT;
            return DumbFsReply.failure(cmd, id, (known ? ErrorCode.PROTOCOL_ERROR : ErrorCode.BAD_PROTOCOL_CMD).number());
        }
        var session = clients.get(client);
        if (session == null) {
            if (clients.size() >= MAX_CLIENTS) forget(clients.keySet().iterator().next());
            session = new Session();
            clients.put(client, session);
        }
        var cached = session.replies.get(request.requestId());
        if (cached != null && ((cached[0] & 0xff) << 8 | cached[1] & 0xff) == request.command()) {
            repeats++;
            return cached.clone();
        }
        byte[] reply;
        try {
            reply = perform(session, request);
        } catch (KernelException e) {
            refused++;
            reply = DumbFsReply.failure(request.command(), request.requestId(), e.code().number());
        }
        session.replies.remove(request.requestId());
        session.replies.put(request.requestId(), reply);
        if (session.replies.size() > CACHED_REPLIES) session.replies.remove(session.replies.keySet().iterator().next());
        return reply.clone();
    }

    private byte[] perform(Session s, DumbFsRequest r) {
        int id = r.requestId();
        return switch (r.command()) {
            case OPEN -> {
                if (s.open.size() >= MAX_OPEN_PER_CLIENT) {
                    throw new KernelException(ErrorCode.TOO_MANY_OPEN_FILES, "at most " + MAX_OPEN_PER_CLIENT + " open files per client");
                }
                var file = files.open(r.path(), mode(r.flags()));
                long fileId = s.nextFileId++;
                s.open.put(fileId, file);
                yield DumbFsReply.success(OPEN, id, fileId);
            }
            case CLOSE -> {
                var file = s.open.remove(r.fileId());
                if (file == null) throw notOpen(r);
                file.close();
                yield DumbFsReply.success(CLOSE, id, 0);
            }
            case READ -> {
                var file = file(s, r);
                var buffer = new byte[r.count()];
                int n = r.count() == 0 ? 0 : file.readAt(r.position(), buffer, 0, r.count());
                if (n < 0) throw new KernelException(ErrorCode.END_OF_FILE);
                yield DumbFsReply.read(id, buffer, 0, n);
            }
            case WRITE -> {
                var file = file(s, r);
                if (file.mode().append()) file.write(r.bytes(), r.dataOffset(), r.count());
                else file.writeAt(r.position(), r.bytes(), r.dataOffset(), r.count());
                yield DumbFsReply.success(WRITE, id, r.count());
            }
            case DELETE -> {
                files.delete(r.path());
                yield DumbFsReply.success(DELETE, id, 0);
            }
            case RENAME -> {
                files.rename(r.path(), r.to());
                yield DumbFsReply.success(RENAME, id, 0);
            }
            case STAT -> {
                var stat = files.stat(r.path());
                yield DumbFsReply.stat(id, stat.isDirectory(), stat.size());
            }
            default -> throw new IllegalStateException("checked: " + r.command());
        };
    }

    private static OpenMode mode(long flags) {
        return new OpenMode((flags & FLAG_READ) != 0, (flags & FLAG_WRITE) != 0, (flags & FLAG_APPEND) != 0 && (flags & FLAG_WRITE) != 0,
                (flags & FLAG_CREATE) != 0, (flags & FLAG_TRUNCATE) != 0 && (flags & FLAG_WRITE) != 0,
                (flags & FLAG_EXCLUSIVE) != 0 && (flags & FLAG_CREATE) != 0);
    }

    private static OpenFile file(Session s, DumbFsRequest r) {
        var file = s.open.get(r.fileId());
        if (file == null) throw notOpen(r);
        return file;
    }

    private static KernelException notOpen(DumbFsRequest r) {
        return new KernelException(ErrorCode.RESOURCE_NOT_IN_USE, "no open file " + r.fileId());
    }

    /** Closes a client's files and forgets it. */
    private void forget(Client client) {
        var s = clients.remove(client);
        if (s != null) for (var f : s.open.values()) f.close();
    }

    /** Closes every file of every client. */
    public synchronized void closeAll() {
        for (var c : java.util.List.copyOf(clients.keySet())) forget(c);
    }

    /** {@code N requests, N malformed, N refused, N answered from the cache, N clients}. */
    public synchronized String stats() {
        return requests + " requests, " + malformed + " malformed, " + refused + " refused, " + repeats + " answered again from the cache, "
                + clients.size() + " clients";
    }
}
