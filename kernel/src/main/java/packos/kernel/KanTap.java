package packos.kernel;

/**
 * Sees every packet the KAN delivers, in delivery order, for packet capture: after link
 * impairment, so as its receiver gets it (a lost packet never appears, a duplicate twice). Called under the
 * kernel lock with the kernel's own view of the bytes: an implementation copies what it keeps
 * and never blocks for long.
 */
public interface KanTap {
    void delivered(long machineTimeNanos, Address kanSource, Address kanDestination, byte[] ipv6Packet, int length);
}
