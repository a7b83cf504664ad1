package packos.lib.net;

import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * An ICMPv6 error about a datagram a socket sent: who reported it, and where the datagram was
 * going, so the socket's owner knows which peer refused.
 */
public record IcmpReport(ErrorCode code, int icmpType, int icmpCode, Address reporter, Address destination, int destinationPort) {
    public KernelException toException() {
        return new KernelException(code, "ICMPv6 type " + icmpType + " code " + icmpCode + " from " + reporter
                + " about a datagram to [" + destination + "]:" + destinationPort);
    }
}
