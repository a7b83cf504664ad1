package packos.lib.sched;

import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.net.TcpSocket;
import packos.lib.wire.MalformedPacketException;

/**
 * The client side of the scheduler control protocol: a process that has finished initialising
 * says so, and the processes the boot config starts after it may run.
 */
public final class SchedulerControl {
    private SchedulerControl() {}

    /**
     * Connects to the scheduler's TCP 4000, sends ReportInited, checks the reply and closes.
     * A reply that does not match the request is a PROTOCOL_ERROR; the scheduler's error is thrown.
     */
    public static void reportInitialised(Process process) {
        try (TcpSocket s = process.net().connect(process.sys().schedulerAddress(), ControlProtocol.PORT)) {
            var request = new ControlRequest(ControlProtocol.VERSION, ControlProtocol.REPORT_INITED, 1);
            s.write(request.encode());
            var answer = new byte[ControlProtocol.REPLY_LENGTH];
            if (s.readFully(answer, 0, answer.length) != answer.length) {
                throw new KernelException(ErrorCode.PROTOCOL_ERROR, "the scheduler closed the control connection before replying");
            }
            ControlReply reply;
            try {
                reply = ControlReply.decode(answer);
            } catch (MalformedPacketException e) {
                throw new KernelException(ErrorCode.PROTOCOL_ERROR, e.getMessage());
            }
            if (reply.version() != request.version() || reply.command() != request.command() || reply.requestId() != request.requestId()) {
                throw new KernelException(ErrorCode.PROTOCOL_ERROR, "control reply " + reply + " does not answer " + request);
            }
            if (reply.error() != 0) {
                ErrorCode code;
                try {
                    code = ErrorCode.fromNumber(reply.error());
                } catch (IllegalArgumentException e) {
                    throw new KernelException(ErrorCode.PROTOCOL_ERROR, "the scheduler answered with unknown error number " + reply.error());
                }
                throw new KernelException(code, "the scheduler refused ReportInited");
            }
        }
    }
}
