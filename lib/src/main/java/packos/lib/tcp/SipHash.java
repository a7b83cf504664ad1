package packos.lib.tcp;

/**
 * SipHash-2-4 (Aumasson and Bernstein) under one 64-bit secret, over five 64-bit words: the keyed
 * hash behind initial sequence numbers, timestamp and port offsets, and SYN cookies. Knowing
 * outputs does not reveal the key, so an off-path attacker cannot predict the next one.
 */
final class SipHash {
    private final long k0;
    private final long k1;

    /** {@code secret} from the process's seeded random source; the second key word is spread from it. */
    SipHash(long secret) {
        this.k0 = secret;
        this.k1 = Long.rotateLeft(secret * 0x9E3779B97F4A7C15L, 29) ^ 0x736f6d6570736575L;
    }

    /** The hash of 40 bytes of message, given as five words. */
    long hash(long m0, long m1, long m2, long m3, long m4) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        long[] words = {m0, m1, m2, m3, m4, 40L << 56};
        for (long m : words) {
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
