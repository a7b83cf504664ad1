package packos.kernel;

import java.util.ArrayDeque;

/**
 * The kernel's packet pages. Pages are made on demand up to a limit and recycled through a free
 * list; a recycled page is wiped as far as it was written. Guarded by the kernel lock.
 */
final class PacketPool {
    private final int pageSize;
    /** Never written: the source that wipes pages. Per pool, so no state is static. */
    final byte[] zeros;
    private final int limit;
    private final ArrayDeque<Page> free = new ArrayDeque<>();
    private int inUse;

    PacketPool(int pageSize, int limit) {
        this.pageSize = pageSize;
        this.zeros = new byte[pageSize];
        this.limit = limit;
    }

    Page take() {
        if (inUse >= limit) throw new KernelException(ErrorCode.OUT_OF_PACKETS, limit + " pages are in use");
        inUse++;
        var page = free.poll();
        return page != null ? page : new Page(pageSize, this);
    }

    /** For the kernel's own notices, which must not be lost: past the limit if need be. */
    Page takeEvenIfFull() {
        inUse++;
        var page = free.poll();
        return page != null ? page : new Page(pageSize, this);
    }

    void give(Page page) {
        page.wipe();
        inUse--;
        free.push(page);
    }

    /** A page whose last handle died with its context: count it back without reusing its bytes. */
    void forget() { inUse--; }

    int inUse() { return inUse; }

    int pageSize() { return pageSize; }
}
