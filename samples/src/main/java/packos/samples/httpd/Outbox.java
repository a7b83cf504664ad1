package packos.samples.httpd;

import java.util.ArrayDeque;
import packos.lib.fs.OpenFile;
import packos.lib.net.TcpSocket;

/**
 * What one connection still has to send, in order: answer heads, small bodies, and files read a
 * chunk at a time as TCP takes them, so a large file never sits whole in memory and a slow client
 * holds one chunk, not a file. Pieces are packed into the chunk together, so a head and a small
 * body (or several pipelined answers) leave in one write, not one segment each.
 */
final class Outbox {
    static final int CHUNK = 32 * 1024;

    /** A piece not yet copied into the chunk. */
    private sealed interface Piece permits Bytes, FileStream {}

    private static final class Bytes implements Piece {
        final byte[] data;
        int taken;

        Bytes(byte[] data) { this.data = data; }
    }

    private static final class FileStream implements Piece {
        final OpenFile file;
        long remaining;

        FileStream(OpenFile file, long length) {
            this.file = file;
            this.remaining = length;
        }
    }

    private final ArrayDeque<Piece> pieces = new ArrayDeque<>();
    private byte[] chunk;
    private int chunkStart;
    private int chunkEnd;

    void add(byte[] data) {
        if (data.length > 0) pieces.add(new Bytes(data));
    }

    /** Sends {@code length} bytes of {@code file} from its position; the outbox closes it when done. */
    void add(OpenFile file, long length) {
        if (length > 0) {
            pieces.add(new FileStream(file, length));
        } else {
            file.close();
        }
    }

    boolean isEmpty() { return pieces.isEmpty() && chunkStart == chunkEnd; }

    /** Pieces waiting: a bound on it keeps a pipelining client from queuing answers without end. */
    int backlog() { return pieces.size(); }

    /**
     * Hands TCP as much as it takes now, without waiting.
     *
     * @return the bytes TCP took
     * @throws IllegalStateException if a file ends before the length its answer announced
     */
    long sendTo(TcpSocket socket) {
        long sent = 0;
        while (true) {
            if (chunkStart == chunkEnd && !fill()) return sent;
            int n = socket.tryWrite(chunk, chunkStart, chunkEnd - chunkStart);
            chunkStart += n;
            sent += n;
            if (chunkStart < chunkEnd) return sent;
        }
    }

    /** Refills the empty chunk from the pieces; false when there is nothing left to send. */
    private boolean fill() {
        if (pieces.isEmpty()) return false;
        if (chunk == null) chunk = new byte[CHUNK];
        chunkStart = 0;
        chunkEnd = 0;
        while (chunkEnd < CHUNK && !pieces.isEmpty()) {
            switch (pieces.peek()) {
                case Bytes b -> {
                    int n = Math.min(CHUNK - chunkEnd, b.data.length - b.taken);
                    System.arraycopy(b.data, b.taken, chunk, chunkEnd, n);
                    b.taken += n;
                    chunkEnd += n;
                    if (b.taken == b.data.length) pieces.poll();
                }
                case FileStream f -> {
                    int n = f.file.read(chunk, chunkEnd, (int) Math.min(CHUNK - chunkEnd, f.remaining));
                    if (n < 0) {
                        throw new IllegalStateException(f.file.path() + " ended " + f.remaining + " bytes before the length its answer announced");
                    }
                    f.remaining -= n;
                    chunkEnd += n;
                    if (f.remaining == 0) {
                        f.file.close();
                        pieces.poll();
                    }
                }
            }
        }
        return true;
    }

    /** Closes the files of answers that will never be sent (the connection went away). */
    void discard() {
        for (Piece p; (p = pieces.poll()) != null; ) {
            if (p instanceof FileStream f) f.file.close();
        }
        chunkStart = chunkEnd = 0;
    }
}
