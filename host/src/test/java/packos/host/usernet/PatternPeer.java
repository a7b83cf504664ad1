package packos.host.usernet;

import packos.kernel.KernelException;
import packos.lib.tcp.TcpConnection;

/**
 * A guest process's side of a bulk transfer: sends {@code toSend} bytes of one pattern, then
 * half-closes; reads the other side's pattern to its end and checks every byte.
 */
final class PatternPeer implements FakeGuest.App {
    private final long toSend;
    private final int sendSeed;
    private final int receiveSeed;
    private final byte[] buffer = new byte[64 * 1024];
    volatile long sent;
    volatile long received;
    volatile long mismatchAt = -1;
    volatile boolean endOfStream;
    volatile String error;
    private boolean shut;

    PatternPeer(long toSend, int sendSeed, int receiveSeed) {
        this.toSend = toSend;
        this.sendSeed = sendSeed;
        this.receiveSeed = receiveSeed;
    }

    @Override
    public void step(TcpConnection c, long now) {
        try {
            while (sent < toSend && c.writable() > 0) {
                int n = (int) Math.min(Math.min(buffer.length, c.writable()), toSend - sent);
                Pattern.fill(buffer, 0, n, sent, sendSeed);
                sent += c.write(buffer, 0, n, now);
            }
            if (sent == toSend && !shut) {
                shut = true;
                c.shutdownOutput(now);
            }
            while (!endOfStream) {
                int n = c.read(buffer, 0, buffer.length, now);
                if (n == 0) break;
                if (n < 0) {
                    endOfStream = true;
                    break;
                }
                long bad = Pattern.firstMismatch(buffer, 0, n, received, receiveSeed);
                if (bad >= 0 && mismatchAt < 0) mismatchAt = bad;
                received += n;
            }
        } catch (KernelException e) {
            if (error == null) error = e.getMessage();
        }
    }
}
