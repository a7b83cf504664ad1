package packos.lib.sched;

import java.util.List;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.net.TcpSocket;
import packos.lib.wire.MalformedPacketException;

/**
 * The client side of the scheduler control protocol: a process that has finished initialising
 * says so, and the processes the boot config starts after it may run; a process holding
 * capability {@code spawn} starts new processes.
 */
public final class SchedulerControl {
    private SchedulerControl() {}

    /**
     * Connects to the scheduler's TCP 4000, sends ReportInited, checks the reply and closes.
     * A reply that does not match the request is a PROTOCOL_ERROR; the scheduler's error is thrown.
     */
    public static void reportInitialised(Process process) {
        try (TcpSocket s = process.net().connect(process.sys().schedulerAddress(), ControlProtocol.PORT)) {
            exchange(s, new ControlRequest(ControlProtocol.VERSION, ControlProtocol.REPORT_INITED, 1), new byte[0]);
        }
    }

    /**
     * Asks the scheduler to start {@code program} with {@code args} as a new process, and returns
     * its address. The new process holds no capabilities and has the asker's limits, CPU share and
     * daemon setting; it is never restarted. Without capability {@code spawn} the answer is
     * CAPABILITY_MISSING; a program that cannot be loaded (no such class, refused by the verifier)
     * is DOES_NOT_EXIST; either is thrown, and nothing was started.
     */
    public static Address spawn(Process process, String program, List<String> args) {
        var payload = new SpawnRequest(program, args).encode();
        try (TcpSocket s = process.net().connect(process.sys().schedulerAddress(), ControlProtocol.PORT)) {
            exchange(s, new ControlRequest(ControlProtocol.VERSION, ControlProtocol.SPAWN, 1, payload.length), payload);
            var address = new byte[ControlProtocol.ADDRESS_LENGTH];
            if (s.readFully(address, 0, address.length) != address.length) {
                throw new KernelException(ErrorCode.PROTOCOL_ERROR, "the scheduler closed the control connection before naming the new process");
            }
            return Address.fromBytes(address, 0);
        }
    }

    /** Sends one request, reads and checks its 12-byte reply; the scheduler's error is thrown. */
    private static void exchange(TcpSocket s, ControlRequest request, byte[] payload) {
        s.write(request.encode());
        if (payload.length > 0) s.write(payload);
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
            throw new KernelException(code, "the scheduler refused " + (request.command() == ControlProtocol.SPAWN ? "Spawn" : "ReportInited"));
        }
    }
}
