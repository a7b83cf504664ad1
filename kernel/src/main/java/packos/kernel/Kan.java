package packos.kernel;

import java.util.ArrayDeque;

/**
 * The kernel-area network (xv6 has no like; its kalloc.c and pipe.c come nearest): packet pages
 * and their owners, the checks on every send, the receive queues, waking receivers, the datagrams
 * the kernel sends itself, and the link conditioner that impairs links when asked.
 *
 * <p>Lock rule: a send hands a page from one context to another under the kernel lock, so that
 * no one else sees it in between; the methods that say "lock held" are called inside it. The
 * calls a process makes ({@link #send}, {@link #receive}, ...) run on its own thread, pass
 * {@link Cpus#enter} first without the lock, then take it; they wait for a CPU only outside it.
 * {@link #allocate} and {@link #free} touch the context's own page cache without the lock (only
 * its thread does) and take the lock only for the pool.
 */
final class Kan {
    private final Kernel kernel;
    /** Counters for {@link KernelStats}. Lock held. */
    long delivered, queueFull, unreachable, spoofRefused, malformed, wrongNextHop;
    private KanTap tap;
    /** Null while every link is perfect: the send path then pays one null check for impairment. */
    private LinkConditioner link;

    Kan(Kernel kernel) { this.kernel = kernel; }

    /** Lock held, before boot. */
    void setTap(KanTap tap) { this.tap = tap; }

    /** Lock held, before boot. */
    void setLinkRules(LinkRules rules) {
        link = rules.isNone() ? null : new LinkConditioner(rules, kernel.config.seed(), new Wire());
    }

    /** Lock held. */
    LinkStats linkStats() { return link == null ? LinkStats.NONE : link.stats(); }

    /** How the link conditioner reaches the KAN: the receive queues and the pool. Lock held. */
    private final class Wire implements LinkConditioner.Wire {
        @Override
        public boolean queue(Context to, Packet p) {
            if (to.state == ContextState.FINISHED || full(to)) return false;
            Kan.this.queue(to, p);
            return true;
        }

        @Override
        public void wake(Context to) { Kan.this.wake(to); }

        @Override
        public void discard(Packet p) {
            p.kill();
            kernel.pool.give(p.page);
        }

        @Override
        public Packet copy(Packet p) {
            try {
                return p.copyInto(kernel.pool.take());
            } catch (KernelException e) {
                return null; // the pool is exhausted: the wire makes no copy
            }
        }
    }

    /** When the next packet held on an impaired link is due, or Long.MAX_VALUE. Lock held. */
    long nextDue() { return link == null ? Long.MAX_VALUE : link.nextDue(); }

    /** Whether an impaired link holds packets. Lock held. */
    boolean holding() { return link != null && link.holding(); }

    /** Packets on an impaired link that are due by now go to their receivers. Lock held. */
    void releaseHeld() {
        if (link != null && link.holding()) link.releaseDue(kernel.machine.clock().nanos());
    }

    /**
     * A kernel call found a packet on an impaired link due: in real time this (or a clock tick) is
     * when it arrives. Without the lock: a stale nextDue only defers the release to the next call
     * or clock tick.
     */
    void releaseIfDue() {
        var l = link;
        if (l == null || l.nextDue() == Long.MAX_VALUE || l.nextDue() > kernel.machine.clock().nanos()) return;
        kernel.lock.lock();
        try {
            releaseHeld();
        } finally {
            kernel.lock.unlock();
        }
    }

    /** An ended context's packets held on impaired links are dropped. Lock held. */
    void forget(Context ctx) {
        if (link != null) link.forget(ctx);
    }

    /** What waits in a context's receive queue goes back to the pool. Lock held. */
    void drain(Context ctx) {
        if (ctx.queue == null) return;
        for (Packet p; (p = ctx.queue.poll()) != null; ) {
            p.kill();
            kernel.pool.give(p.page);
        }
    }

    /**
     * A fresh page: from the context's own small cache when it has one (no lock: only the owner
     * touches its cache and its held count), else from the pool. The quota counts pages held and
     * pages queued for the context.
     */
    Packet allocate(Context self) {
        int owned = self.pagesHeld + self.queued();
        if (owned >= self.limits.packetQuota()) {
            throw new QuotaExceededFault(self.name + " already owns " + owned + " packets (quota " + self.limits.packetQuota() + ")");
        }
        Page page;
        if (self.cachedPages > 0) {
            page = self.pageCache[--self.cachedPages];
            self.pageCache[self.cachedPages] = null;
        } else {
            kernel.lock.lock();
            try {
                page = kernel.pool.take();
            } finally {
                kernel.lock.unlock();
            }
        }
        var p = new Packet(page);
        p.owner = self;
        self.pagesHeld++;
        return p;
    }

    void free(Context self, Packet p) {
        checkOwned(self, p);
        p.kill();
        self.pagesHeld--;
        if (self.cachedPages < Context.PAGE_CACHE) {
            p.page.wipe();
            if (self.pageCache == null) self.pageCache = new Page[Context.PAGE_CACHE];
            self.pageCache[self.cachedPages++] = p.page;
            return;
        }
        kernel.lock.lock();
        try {
            kernel.pool.give(p.page);
        } finally {
            kernel.lock.unlock();
        }
    }

    private void checkOwned(Context self, Packet p) {
        if (!p.alive()) throw new DeadPacketFault("the packet was already sent or freed");
        if (p.page.pool != kernel.pool) throw new KernelException(ErrorCode.NOT_A_POOL_PACKET, "allocate packets with Syscalls.allocate()");
        if (p.owner != self) throw new DeadPacketFault("the packet belongs to another context");
    }

    /**
     * Validates and queues a packet for its KAN destination. On any refusal the sender keeps the
     * packet. Returns the receiver, its handle already queued, or null when an impaired link lost
     * the packet or holds it for later. Lock held.
     */
    private Context enqueue(Context self, Packet p) {
        checkOwned(self, p);
        int len = p.length();
        if (len < Ipv6Header.LENGTH || Ipv6Header.version(p) != 6) {
            malformed++;
            throw new KernelException(ErrorCode.MALFORMED_PACKET, len < Ipv6Header.LENGTH
                    ? "shorter than an IPv6 header (" + len + " bytes)" : "IPv6 version field is not 6");
        }
        int payloadLength = Ipv6Header.payloadLength(p);
        if (Ipv6Header.LENGTH + payloadLength > len) {
            malformed++;
            throw new KernelException(ErrorCode.MALFORMED_PACKET, "payload length " + payloadLength + " exceeds the "
                    + (len - Ipv6Header.LENGTH) + " bytes present");
        }
        if (!self.forwards && !Ipv6Header.sourceIs(p, self.address)) {
            spoofRefused++;
            throw new KernelException(ErrorCode.SOURCE_NOT_OWNED, "IPv6 source " + Ipv6Header.source(p) + " is not " + self.address);
        }
        // The KAN is a link whose link addresses are IPv6 addresses: a packet for an address on the KAN
        // goes to that address and no other, and one for beyond the KAN goes to a router. Otherwise a
        // process could hand B a packet that says it is for C, and a router would carry it on.
        long dstHigh = Ipv6Header.destinationHigh(p), dstLow = Ipv6Header.destinationLow(p);
        Address kanDestination = p.kanDestination;
        boolean onKan = kernel.config.prefix().contains(dstHigh, dstLow);
        if (onKan && (kanDestination.high() != dstHigh || kanDestination.low() != dstLow)) {
            wrongNextHop++;
            throw new KernelException(ErrorCode.WRONG_NEXT_HOP, () -> "KAN destination " + kanDestination
                    + " is not the packet's IPv6 destination " + new Address(dstHigh, dstLow) + ", which is on the KAN");
        }
        Context target = lookup(self, kanDestination);
        if (target == null) {
            unreachable++;
            throw new KernelException(ErrorCode.ADDRESS_UNREACHABLE, kanDestination::toString);
        }
        if (!onKan && !target.forwards && !hears(target, dstHigh, dstLow)) {
            wrongNextHop++;
            throw new KernelException(ErrorCode.WRONG_NEXT_HOP, () -> "IPv6 destination " + new Address(dstHigh, dstLow)
                    + " is beyond the KAN, and KAN destination " + target.name + " (" + kanDestination + ") is not a router"
                    + (dstHigh >>> 56 == 0xff ? " nor a member of that group" : ""));
        }
        var channel = link == null ? null : link.channel(self, target, self.holdsClock || target.holdsClock);
        // A packet that waits on the wire meets the receiver's queue only when it arrives.
        if ((channel == null || !channel.impairment.holds()) && full(target)) {
            queueFull++;
            target.queueFullRefusals++;
            int waiting = target.queued();
            throw new KernelException(ErrorCode.PACKET_QUEUE_FULL, () -> target.name + " has " + waiting + " packets waiting");
        }
        p.kanSource = self.address;
        var handed = p.transfer();
        handed.owner = target;
        self.pagesHeld--;
        self.packetsSent++;
        if (channel != null) return link.carry(channel, handed, kernel.machine.clock().nanos()) ? target : null;
        queue(target, handed);
        return target;
    }

    /**
     * Whether {@code target} is a member of the multicast group with this address, as a node on a
     * link is: every node hears all-nodes (ff01::1, ff02::1) and its own solicited-node group
     * (ff02::1:ffXX:XXXX, its address's last 24 bits). The KAN has no groups: a sender names the
     * one member it hands the packet to, and only a member may be named.
     */
    private static boolean hears(Context target, long high, long low) {
        if (high == ALL_NODES_INTERFACE_HIGH || high == LINK_LOCAL_MULTICAST_HIGH) {
            if (low == 1) return true;
            return high == LINK_LOCAL_MULTICAST_HIGH && (low & ~0xFFFFFFL) == SOLICITED_NODE_LOW
                    && (low & 0xFFFFFFL) == (target.address.low() & 0xFFFFFFL);
        }
        return false;
    }

    private static final long ALL_NODES_INTERFACE_HIGH = 0xff01_0000_0000_0000L;
    private static final long LINK_LOCAL_MULTICAST_HIGH = 0xff02_0000_0000_0000L;
    private static final long SOLICITED_NODE_LOW = 0x0000_0001_ff00_0000L;

    /** The receiver's queue, or its quota (pages held plus queued), has no room. */
    private static boolean full(Context target) {
        return target.queued() >= target.limits.queueLength() || target.pagesHeld + target.queued() >= target.limits.packetQuota();
    }

    /**
     * The context at a KAN address. A stream sends to one receiver again and again: the
     * sender's last answer stands while that context lives (an address is given again only
     * after its context has finished).
     */
    private Context lookup(Context self, Address destination) {
        var last = self.lastTarget;
        if (last != null && last.state != ContextState.FINISHED && last.address.equals(destination)) return last;
        var target = kernel.contexts.at(destination);
        self.lastTarget = target;
        return target;
    }

    private void queue(Context target, Packet p) {
        if (target.queue == null) target.queue = new ArrayDeque<>(8);
        target.queue.add(p);
        target.packetsReceived++;
        delivered++;
        if (tap != null) {
            // A capture shows the packet as a wire would carry it: an offloaded checksum filled in.
            p.page.completeChecksum(p.length());
            tap.delivered(kernel.machine.clock().nanos(), p.kanSource, p.kanDestination, p.bytes(), p.length());
        }
    }

    /**
     * The receiver has a packet: unblock it. Packets for the scheduler take a CPU for it. One that
     * wakes the timer service (the holder of the clock's line) ends the running slice too, so the
     * scheduler runs it at once: a client setting an alarm must not wait a round for it, and two
     * processes handing the CPU to each other by sending still let the others run. Lock held.
     */
    private void wake(Context target) {
        var cpus = kernel.cpus;
        if (target == kernel.scheduler) {
            if (target.state == ContextState.BLOCKED || target.state == ContextState.READY) cpus.wakeScheduler(true);
            else if (target.state == ContextState.RUNNING) kernel.schedulerService.packetUnseen = true;
            return;
        }
        if (target.state == ContextState.BLOCKED) {
            target.state = ContextState.READY;
            kernel.schedulerService.addWoken(target);
        }
        if (target.holdsClock && target.state == ContextState.READY) cpus.wakeScheduler(true);
    }

    void send(Context self, Packet p, boolean yieldToRecipient) {
        var scheduler = kernel.scheduler;
        kernel.cpus.enter(self);
        boolean switched;
        kernel.lock.lock();
        try {
            Context target = enqueue(self, p);
            // The scheduler never lends its CPU: it must keep control of the schedule. Nor does
            // anyone lend to the timer service: waking it ends the slice instead (see wake).
            // Nor does a static initializer lend: it could not take its CPU back (see Initializers).
            switched = yieldToRecipient && target != null && self != scheduler && target != scheduler && !target.holdsClock
                    && target.state == ContextState.BLOCKED && self.cpu != null && self.signals.initializers == 0;
            if (switched) {
                kernel.cpus.lend(self, target);
            } else if (target != null) {
                wake(target);
            }
        } finally {
            kernel.lock.unlock();
        }
        if (switched) kernel.cpus.awaitCpu(self);
    }

    /** Send, then wait for the next packet, as one call: the reply can come straight back to us. */
    Packet sendReceive(Context self, Packet p) {
        kernel.cpus.enter(self);
        kernel.initializers.mayWait(self, "sendReceive");
        kernel.lock.lock();
        try {
            Context target = enqueue(self, p);
            if (self.queued() > 0) {
                if (target != null) wake(target);
                return dequeue(self);
            }
            self.state = ContextState.BLOCKED;
            if (target != null && target != kernel.scheduler && !target.holdsClock && target.state == ContextState.BLOCKED) {
                Cpu cpu = self.cpu;
                self.cpu = null;
                kernel.cpus.give(cpu, target);
            } else {
                if (target != null) wake(target);
                kernel.cpus.release(self, Switch.Reason.BLOCKED);
            }
        } finally {
            kernel.lock.unlock();
        }
        return receiveAfterBlocking(self);
    }

    /** The common case, a packet waiting, is a straight line: no loop around the lock. */
    Packet receive(Context self) {
        kernel.cpus.enter(self);
        kernel.lock.lock();
        try {
            if (self.queued() > 0) return dequeue(self);
            kernel.initializers.mayWait(self, "receive");
            self.state = ContextState.BLOCKED;
            kernel.cpus.release(self, Switch.Reason.BLOCKED);
        } finally {
            kernel.lock.unlock();
        }
        return receiveAfterBlocking(self);
    }

    private Packet receiveAfterBlocking(Context self) {
        while (true) {
            kernel.cpus.awaitCpu(self);
            kernel.lock.lock();
            try {
                if (self.queued() > 0) return dequeue(self);
                // Woken without a packet (the scheduler woke on an event): block again.
                self.state = ContextState.BLOCKED;
                kernel.cpus.release(self, Switch.Reason.BLOCKED);
            } finally {
                kernel.lock.unlock();
            }
        }
    }

    Packet poll(Context self) {
        kernel.cpus.enter(self);
        kernel.lock.lock();
        try {
            return self.queued() > 0 ? dequeue(self) : null;
        } finally {
            kernel.lock.unlock();
        }
    }

    int pending(Context self) {
        kernel.cpus.checkThread(self);
        kernel.lock.lock();
        try {
            return self.queued();
        } finally {
            kernel.lock.unlock();
        }
    }

    private Packet dequeue(Context self) {
        Packet p = self.queue.poll();
        self.pagesHeld++;
        return p;
    }

    /** A UDP datagram from the kernel's own address; if it cannot be queued it is counted as lost. Lock held. */
    boolean sendFromKernel(Context target, int port, byte[] payload) { return sendFromKernel(target, port, payload, true); }

    /**
     * {@code bounded} false is for the scheduler's context notices: they are never dropped, or a
     * dead process would count as alive; there is at most one per context that ever ended. Lock held.
     */
    boolean sendFromKernel(Context target, int port, byte[] payload, boolean bounded) {
        if (target == null || target.state == ContextState.FINISHED) return false;
        if (bounded && target.queued() >= target.limits.queueLength()) return false;
        Page page;
        try {
            page = bounded ? kernel.pool.take() : kernel.pool.takeEvenIfFull();
        } catch (KernelException e) {
            return false;
        }
        var p = new Packet(page);
        var from = kernel.kernelAddress();
        KernelDatagram.write(p, from, 0, target.address, port, payload);
        p.kanSource = from;
        p.kanDestination = target.address;
        p.owner = target;
        queue(target, p);
        wake(target);
        return true;
    }
}
