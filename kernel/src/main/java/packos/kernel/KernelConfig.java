package packos.kernel;

/**
 * Kernel parameters from the boot config.
 *
 * @param prefix      the KAN's ULA /64; the kernel is prefix::1, the scheduler prefix::2
 * @param queueLength receive queue length per context
 * @param quota       packet pages one context may own at once
 * @param pages       packet pages in the whole pool
 * @param pageSize    bytes per page: the KAN's MTU
 * @param seed        seeds the random source processes draw from
 */
public record KernelConfig(Prefix prefix, int queueLength, int quota, int pages, int pageSize, long seed) {
    public static final Prefix DEFAULT_PREFIX = Prefix.parse("fd00:7e8e::/64");

    public KernelConfig {
        if (prefix.length() != 64) throw new IllegalArgumentException("the KAN prefix must be a /64, not " + prefix);
        if (queueLength < 1) throw new IllegalArgumentException("queue length must be at least 1");
        if (quota < 1) throw new IllegalArgumentException("quota must be at least 1");
        if (pages < 1) throw new IllegalArgumentException("pages must be at least 1");
        if (pageSize < 1280 || pageSize > 65_575) throw new IllegalArgumentException("page size " + pageSize + " is not in 1280..65575");
    }

    public static KernelConfig defaults() {
        return new KernelConfig(DEFAULT_PREFIX, 64, 1024, 65_536, 4096, 0);
    }

    public KernelConfig withSeed(long s) { return new KernelConfig(prefix, queueLength, quota, pages, pageSize, s); }

    public KernelConfig withQueueLength(int q) { return new KernelConfig(prefix, q, quota, pages, pageSize, seed); }

    public KernelConfig withQuota(int q) { return new KernelConfig(prefix, queueLength, q, pages, pageSize, seed); }
}
