package dev.loombench.fault;

import static dev.loombench.fault.FaultTarget.REPLY;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.TimeFrames;
import dev.loombench.server.ServerKind;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Well-framed {@code time} requests with bodies that are wrong for their type, and an unknown
 * type. Each gets its own ERROR (5 malformed, 1 unknown type) and the connection stays usable:
 * a TIME afterwards is answered and BYE ends it cleanly.
 */
final class MalformedBodyFault implements Fault {

    /** A request and the error code it must get. */
    private record Case(String what, ByteBuffer frame, int code) {}

    @Override
    public String name() {
        return "malformed-body";
    }

    @Override
    public String description() {
        return "bodies wrong for their type (TIME/LIST/BYE with a body, short SEND, invalid UTF-8), unknown type";
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.TIME);
    }

    @Override
    public String criterion(ServerKind kind) {
        return "the specified ERROR for each (5 or 1), connection stays open: TIME then BYE work";
    }

    @Override
    public void inject(FaultTarget target, FaultOutcome outcome) throws InterruptedException {
        int clients = target.pick(3, 8);
        target.inParallel(clients, outcome, i -> {
            try (FaultClient client = target.connect()) {
                client.time().welcome(REPLY);
                for (Case c : cases()) {
                    client.time().sendFrame(c.frame());
                    TimeEvent.Reply reply = client.time().reply(REPLY);
                    outcome.check(reply.errorCode() == c.code(), c.what() + ": expected ERROR " + c.code() + ", got " + reply.describe());
                }
                Exchanges.time(client, REPLY);
                Exchanges.bye(client, REPLY);
            }
            return null;
        });
        outcome.summary(clients + " x " + cases().size() + " bad requests answered, connections kept");
    }

    private static java.util.List<Case> cases() {
        return java.util.List.of(
                new Case("TIME with a body", TimeFrames.frame(TimeFrames.TIME, new byte[] {1, 2, 3}), TimeFrames.ERR_MALFORMED),
                new Case("LIST with a body", TimeFrames.frame(TimeFrames.LIST, new byte[] {0}), TimeFrames.ERR_MALFORMED),
                new Case("SEND with a 2-byte body", TimeFrames.frame(TimeFrames.SEND, new byte[] {0, 1}), TimeFrames.ERR_MALFORMED),
                new Case("SEND with invalid UTF-8", TimeFrames.frame(TimeFrames.SEND, new byte[] {0, 0, 0, 1, (byte) 0xC3, 0x28}),
                        TimeFrames.ERR_MALFORMED),
                new Case("BYE with a body", TimeFrames.frame(TimeFrames.BYE, new byte[] {9}), TimeFrames.ERR_MALFORMED),
                new Case("unknown type 0x7f", TimeFrames.empty(0x7F), TimeFrames.ERR_UNKNOWN_TYPE),
                new Case("reply type 0x81 sent as a request", TimeFrames.empty(TimeFrames.TIME_OK), TimeFrames.ERR_UNKNOWN_TYPE));
    }
}
