package packos.samples.httpd;

import java.util.BitSet;

/**
 * Checks a text that claims to list the primes from 2 up, one per line, by computing them: a
 * sieve of Eratosthenes up to the last number listed, compared line by line. It trusts nothing
 * but the arithmetic, so a page that came through byte-exact from a wrong file still fails.
 */
public final class PrimeList {
    /** A last number beyond this would need a sieve larger than a check should hold. */
    private static final int MAX_LIMIT = 100_000_000;

    private PrimeList() {}

    /**
     * @return how many primes the text lists
     * @throws IllegalArgumentException saying where the text departs from the primes
     */
    public static int verify(byte[] text) {
        if (text.length == 0 || text[text.length - 1] != '\n') throw new IllegalArgumentException("the list does not end with a newline");
        int limit = lastNumber(text);
        var composite = new BitSet(limit + 1);
        for (long p = 2; p * p <= limit; p++) {
            if (composite.get((int) p)) continue;
            for (long m = p * p; m <= limit; m += p) composite.set((int) m);
        }
        int expected = 2;
        int count = 0;
        int line = 1;
        long value = 0;
        boolean digits = false;
        for (byte b : text) {
            if (b == '\n') {
                if (!digits) throw new IllegalArgumentException("line " + line + " is empty");
                if (value != expected) throw new IllegalArgumentException("line " + line + " is " + value + ", expected the prime " + expected);
                count++;
                line++;
                value = 0;
                digits = false;
                expected = composite.nextClearBit(expected + 1);
            } else if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
                digits = true;
                if (value > limit) throw new IllegalArgumentException("line " + line + " is larger than the last number " + limit);
            } else {
                throw new IllegalArgumentException("line " + line + " has a byte that is not a digit: " + (b & 0xff));
            }
        }
        if (expected <= limit) throw new IllegalArgumentException("the list stops before the prime " + expected);
        return count;
    }

    private static int lastNumber(byte[] text) {
        int i = text.length - 2;
        while (i >= 0 && text[i] != '\n') i--;
        long value = 0;
        for (int j = i + 1; j < text.length - 1; j++) {
            int d = text[j] - '0';
            if (d < 0 || d > 9) throw new IllegalArgumentException("the last line is not a number");
            value = value * 10 + d;
            if (value > MAX_LIMIT) throw new IllegalArgumentException("the last number is over " + MAX_LIMIT);
        }
        if (value < 2) throw new IllegalArgumentException("the last number is " + value + ", no prime list ends there");
        return (int) value;
    }
}
