package packos.samples.simple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import packos.kernel.Context;
import packos.kernel.ContextState;
import packos.kernel.Packet;
import packos.kernel.SchedulerCalls;
import packos.kernel.Switch;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Datagram;
import packos.lib.wire.Ipv6Header;

/**
 * The original's "simple" sample: a hand-written scheduler (any program holding capability
 * "scheduler" may be one) that starts a worker per argument, hands each its name in a raw KAN
 * packet, prints the names the workers send back to UDP port 8000, and stops when all are done.
 */
public final class SimpleScheduler implements Program {
    public static final int CLOCK_PORT = 7000;
    public static final int CHILD_PORT = 8000;

    @Override
    public void main(Process self) {
        self.print("simple scheduler");
        var sys = self.sys();
        SchedulerCalls sched = sys.scheduler();
        var net = self.net();
        net.kan().setYieldToRecipient(false);
        var ticks = net.udp(CLOCK_PORT);
        sys.registerInterrupt(0, CLOCK_PORT);
        var children = net.udp(CHILD_PORT);

        List<String> names = self.args().isEmpty() ? List.of("foo", "bar", "baz") : self.args();
        var workers = new ArrayList<Context>();
        for (String name : names) {
            var worker = sched.create(name, Worker.class.getName(), List.of(), Set.of());
            workers.add(worker);
            sendName(self, worker, name);
        }
        self.print("created " + workers.size() + " workers: " + String.join(", ", names));

        int heard = 0;
        while (true) {
            net.drain();
            for (Datagram d; (d = ticks.poll()) != null; ) sys.acknowledgeInterrupt(0);
            for (Datagram d; (d = children.poll()) != null; ) {
                heard++;
                self.print("received \"" + d.text() + "\" from [" + d.source() + "]:" + d.sourcePort());
            }
            boolean anyRan = false;
            int finished = 0;
            for (var w : workers) {
                Switch s = sched.yieldTo(w);
                if (s.reason() == Switch.Reason.CONTEXT_FINISHED) finished++;
                else if (s.reason() != Switch.Reason.YIELDED_TO_BLOCKED) anyRan = true;
            }
            if (finished == workers.size() && sys.pending() == 0 && !children.pending()) {
                self.print("scheduler exiting; numFinished==" + finished + ", names heard: " + heard);
                sched.halt(heard == workers.size() ? 0 : 1, "simple sample done");
            }
            if (!anyRan && workers.stream().allMatch(w -> w.state() != ContextState.READY)) sched.waitForEvent();
        }
    }

    /** A raw KAN packet: an IPv6 header with No Next Header, and the name as its payload. */
    private static void sendName(Process self, Context worker, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        Packet p = self.sys().allocate();
        Ipv6Header.emit(p, 0, 0, bytes.length, Ipv6Header.NO_NEXT_HEADER, 64, self.address(), worker.address());
        p.put(Ipv6Header.LENGTH, bytes);
        p.setKanDestination(worker.address());
        self.sys().send(p, false);
    }
}
