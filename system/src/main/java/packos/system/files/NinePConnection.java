package packos.system.files;

import java.util.ArrayDeque;
import packos.lib.net.Pollable;
import packos.lib.net.TcpSocket;
import packos.lib.ninep.NineP;
import packos.lib.ninep.NinePSession;
import packos.lib.ninep.TMessage;
import packos.lib.fs.FileSystem;
import packos.lib.wire.MalformedPacketException;

/**
 * One client's TCP connection to the file server: bytes in, framed into 9P messages by their size
 * field, answered by a {@link NinePSession}, replies out in order. A message that frames but does
 * not check is answered with Rlerror(EPROTO) and the connection goes on; a size field the server
 * cannot frame (below the header, above the msize) ends the connection, since nothing after it can
 * be trusted to start a message. Replies waiting to go out are bounded: past two msizes the
 * connection reads nothing more until they have left, so a client that never reads holds no more.
 */
final class NinePConnection {
    private final TcpSocket socket;
    private final NinePSession session;
    private final ArrayDeque<byte[]> outbox = new ArrayDeque<>();
    private byte[] in = new byte[8192];
    private int inLength;
    private int outOffset;
    private long outBytes;
    private boolean broken;
    private long lastActive;

    NinePConnection(TcpSocket socket, FileSystem files, long now) {
        this.socket = socket;
        this.session = new NinePSession(files);
        this.lastActive = now;
    }

    TcpSocket socket() { return socket; }

    long lastActive() { return lastActive; }

    /** Whether the connection must end: its peer closed it or broke the framing. */
    boolean done() { return broken; }

    int interest() {
        int ops = Pollable.ERROR;
        if (!outbox.isEmpty()) ops |= Pollable.WRITABLE;
        if (outBytes <= 2 * limit()) ops |= Pollable.READABLE;
        return ops;
    }

    private long limit() { return session.msize() == 0 ? NineP.MAX_MSIZE : session.msize(); }

    /** Reads what has arrived and answers every whole message in it. */
    void receive(long now) {
        while (outBytes <= 2 * limit()) {
            if (inLength == in.length) {
                if (in.length >= limit()) break;  // a whole message fits; answered below
                in = java.util.Arrays.copyOf(in, (int) Math.min(limit(), in.length * 2L));
            }
            int n = socket.tryRead(in, inLength, in.length - inLength);
            if (n < 0) {
                broken = true;
                break;
            }
            if (n == 0) break;
            inLength += n;
            lastActive = now;
            answerWhole();
            if (broken) return;
        }
        answerWhole();
    }

    private void answerWhole() {
        int at = 0;
        while (inLength - at >= 4 && !broken) {
            long size = (in[at] & 0xffL) | (in[at + 1] & 0xffL) << 8 | (in[at + 2] & 0xffL) << 16 | (in[at + 3] & 0xffL) << 24;
            if (size < NineP.HEADER || size > limit()) {
                broken = true;  // no way to find the next message
                return;
            }
            if (inLength - at < size) break;
            byte[] reply;
            try {
                reply = session.answer(TMessage.check(in, at, (int) size));
            } catch (MalformedPacketException e) {
                reply = NinePSession.malformed(in, at, (int) size);
            }
            outbox.add(reply);
            outBytes += reply.length;
            at += (int) size;
        }
        if (at > 0) {
            System.arraycopy(in, at, in, 0, inLength - at);
            inLength -= at;
        }
    }

    /** Writes what TCP takes of the replies. */
    void send(long now) {
        while (!outbox.isEmpty()) {
            var head = outbox.peek();
            int n = socket.tryWrite(head, outOffset, head.length - outOffset);
            if (n == 0) return;
            lastActive = now;
            outOffset += n;
            if (outOffset == head.length) {
                outbox.poll();
                outBytes -= head.length;
                outOffset = 0;
            }
        }
    }

    void close(boolean abort) {
        session.close();
        if (abort) socket.abort();
        else socket.close();
    }
}
