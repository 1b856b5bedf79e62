package dev.loombench.fault;

import static dev.loombench.fault.FaultTarget.REPLY;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.TimeFrames;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SEND storms to clients that are disconnecting at that very moment ({@code time}). Each round,
 * a few targets connect; then, released together, two senders pipeline hundreds of SENDs at
 * them while the targets leave: a third close at once (FIN), a third reset (RST), a third read
 * a few MESSAGEs first and then reset. Every SEND must be answered SEND_OK or ERROR 3 in order,
 * never anything else and never held up; every MESSAGE a target reads must be a whole,
 * well-formed frame from a sender; and each sender is still served afterwards.
 */
final class SendStormFault implements Fault {

    private static final int SENDERS = 2;

    @Override
    public String name() {
        return "send-storm";
    }

    @Override
    public String description() {
        return "pipelined SENDs to clients that close or reset at that same moment";
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.TIME);
    }

    @Override
    public String notApplicable(ServerKind kind, Protocol protocol) {
        return kind == ServerKind.SINGLE ? "single serves one client at a time: no other client is connected to SEND to" : null;
    }

    @Override
    public String criterion(ServerKind kind) {
        return "every SEND answered SEND_OK or ERROR 3, in order; MESSAGEs whole; senders served after"
                + (kind == ServerKind.POOL ? " (targets limited to the free workers)" : "");
    }

    @Override
    public void inject(FaultTarget target, FaultOutcome outcome) throws Exception {
        int rounds = target.pick(3, 10);
        int targetsPerRound = Math.min(target.pick(6, 12), target.freeWorkers() - SENDERS);
        int sendsPerRound = target.pick(200, 1000);
        AtomicLong delivered = new AtomicLong();
        AtomicLong gone = new AtomicLong();
        AtomicLong messagesRead = new AtomicLong();
        List<FaultClient> senders = new ArrayList<>();
        try {
            List<Integer> senderIds = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                FaultClient sender = target.connect();
                senders.add(sender);
                senderIds.add(sender.time().welcome(REPLY));
            }
            for (int round = 0; round < rounds; round++) {
                List<FaultClient> targets = new ArrayList<>();
                List<Integer> targetIds = new ArrayList<>();
                try {
                    for (int t = 0; t < targetsPerRound; t++) {
                        FaultClient client = target.connect();
                        targets.add(client);
                        targetIds.add(client.time().welcome(REPLY));
                    }
                    CountDownLatch go = new CountDownLatch(1);
                    int r = round;
                    target.inParallel(SENDERS + targetsPerRound, outcome, i -> {
                        go.await();
                        if (i < SENDERS) {
                            storm(senders.get(i), targetIds, sendsPerRound, r, outcome, delivered, gone);
                            Exchanges.time(senders.get(i), REPLY);
                        } else {
                            leave(targets.get(i - SENDERS), i, senderIds, outcome, messagesRead);
                        }
                        return null;
                    }, go::countDown);
                } finally {
                    targets.forEach(FaultClient::close);
                }
            }
            for (FaultClient sender : senders) Exchanges.bye(sender, REPLY);
        } finally {
            senders.forEach(FaultClient::close);
        }
        outcome.figure("sends", (long) rounds * SENDERS * sendsPerRound);
        outcome.figure("sendOk", delivered.get());
        outcome.figure("error3", gone.get());
        outcome.figure("messagesReadByLeavingTargets", messagesRead.get());
        outcome.summary((long) rounds * SENDERS * sendsPerRound + " SENDs to " + rounds + " x " + targetsPerRound + " leaving: "
                + delivered.get() + " SEND_OK, " + gone.get() + " ERROR 3");
    }

    /** Pipelines {@code sends} SENDs round-robin over the targets, then reads as many replies, each SEND_OK or ERROR 3. */
    private static void storm(FaultClient sender, List<Integer> targetIds, int sends, int round, FaultOutcome outcome,
                              AtomicLong delivered, AtomicLong gone) throws IOException {
        ByteBuffer burst = ByteBuffer.allocate(sends * 64);
        for (int k = 0; k < sends; k++) sender.time().encodeSend(targetIds.get(k % targetIds.size()), "storm " + round + " " + k, burst);
        sender.send(burst.flip());
        for (int k = 0; k < sends; k++) {
            TimeEvent.Reply reply = sender.time().reply(REPLY);
            if (reply.type() == TimeFrames.SEND_OK) {
                delivered.incrementAndGet();
            } else if (reply.errorCode() == TimeFrames.ERR_NO_SUCH_CLIENT) {
                gone.incrementAndGet();
            } else {
                outcome.problem("a SEND was answered " + reply.describe());
                return;
            }
        }
    }

    /** Leaves as the SENDs arrive: FIN, RST, or a few MESSAGEs (checked) and then RST. */
    private static void leave(FaultClient client, int i, List<Integer> senderIds, FaultOutcome outcome, AtomicLong read)
            throws IOException {
        switch (i % 3) {
            case 0 -> client.close();
            case 1 -> client.reset();
            default -> {
                for (int k = 0; k < 5; k++) {
                    TimeEvent event = client.time().next(REPLY); // a malformed or unsolicited frame throws
                    if (!(event instanceof TimeEvent.Message message)) {
                        outcome.problem("a target read " + event.describe() + ", expected MESSAGE");
                        break;
                    }
                    outcome.check(senderIds.contains(message.fromId()) && message.text().startsWith("storm "),
                            "a MESSAGE from " + message.fromId() + " said '" + message.text() + "'");
                    read.incrementAndGet();
                }
                client.reset();
            }
        }
    }
}
