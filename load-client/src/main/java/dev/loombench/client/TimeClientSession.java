package dev.loombench.client;

import dev.loombench.protocol.BadFrameException;
import dev.loombench.protocol.ClientRegistry;
import dev.loombench.protocol.FrameDecoder;
import dev.loombench.protocol.TimeFrames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;

/**
 * The {@code time} protocol, client side (PROTOCOL.md §2). Waits for WELCOME (ERROR 4 instead is
 * {@code rejected}), then makes the requests {@code --op} asks for and checks every reply: its
 * type answers the request in order, TIME_OK is within {@link #CLOCK_TOLERANCE} of the client's
 * clock, NAME_OK is non-empty and stable, LIST_OK holds this client, SEND_OK is empty.
 *
 * <p>MESSAGE indications may arrive between replies at any time; they are told apart by type,
 * never taken for a reply, and checked too: the text a SEND carries names sender and target
 * ({@code "lb <from> <to> <n>"}), so a message must come from the id in its text and be meant
 * for this client, else it is a mismatch. ERROR 3 to a SEND (the target left) fails that one
 * request as {@code protocol} and drops the target from the known peers; the connection stays.
 */
final class TimeClientSession implements ClientSession {

    /** How far a TIME_OK may be from the client's clock. */
    static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);
    /** Largest frame the client accepts (a LIST_OK of many clients is large). */
    static final int MAX_FRAME = 16 * 1024 * 1024;
    private static final int[] MIX = {TimeFrames.TIME, TimeFrames.NAME, TimeFrames.LIST, TimeFrames.SEND};

    private final TimeOp op;
    private final LongConsumer messages; // told of each verified MESSAGE
    private final FrameDecoder decoder = new FrameDecoder(MAX_FRAME);
    private final int[] expectedType;   // ring of outstanding request types
    private final int[] sendTarget;     // ring: target id of an outstanding SEND
    private int head;
    private int outstanding;
    private int myId;                   // 0 until WELCOME
    private long seq;
    private String hostName;
    private List<Integer> peers = List.of();
    private boolean fresh = true;
    private Replies replies;            // valid during onInput

    TimeClientSession(TimeOp op, int pipeline, LongConsumer messages) {
        this.op = op;
        this.messages = messages;
        this.expectedType = new int[pipeline];
        this.sendTarget = new int[pipeline];
    }

    @Override
    public boolean canSend() {
        return myId != 0;
    }

    @Override
    public void sendRequest(RequestWriter out) throws IOException {
        int type = nextType();
        int target = 0;
        ByteBuffer frame;
        if (type == TimeFrames.SEND) {
            target = peers.get(ThreadLocalRandom.current().nextInt(peers.size()));
            frame = TimeFrames.send(target, "lb " + myId + " " + target + " " + seq);
        } else {
            frame = TimeFrames.empty(type);
        }
        seq++;
        int slot = (head + outstanding) % expectedType.length;
        expectedType[slot] = type;
        sendTarget[slot] = target;
        outstanding++;
        out.write(frame.array(), frame.remaining(), frame.array(), 0, 0);
    }

    private int nextType() {
        int type = switch (op) {
            case TIME -> TimeFrames.TIME;
            case NAME -> TimeFrames.NAME;
            case LIST -> TimeFrames.LIST;
            case SEND -> TimeFrames.SEND;
            case MIX -> MIX[(int) (seq % MIX.length)];
        };
        return type == TimeFrames.SEND && peers.isEmpty() ? TimeFrames.LIST : type;
    }

    @Override
    public void onInput(ByteBuffer input, Replies replies) throws Failure {
        if (input.hasRemaining()) fresh = false;
        this.replies = replies;
        try {
            decoder.feed(input, this::onFrame);
        } catch (BadFrameException e) {
            throw new Failure(ErrorClass.PROTOCOL, "bad frame from the server: " + e.getMessage());
        } catch (FrameFailure e) {
            throw e.failure;
        } catch (IOException e) {
            throw new IllegalStateException(e); // the handler throws nothing else
        } finally {
            this.replies = null;
        }
    }

    private boolean onFrame(int type, ByteBuffer body) throws FrameFailure {
        int frameBytes = Integer.BYTES + 1 + body.remaining();
        try {
            if (myId == 0) {
                welcome(type, body);
            } else if (type == TimeFrames.MESSAGE) {
                message(body);
            } else {
                reply(type, body, frameBytes);
            }
        } catch (TimeFrames.MalformedBodyException e) {
            throw new FrameFailure(ErrorClass.PROTOCOL, "malformed " + TimeFrames.typeName(type) + ": " + e.getMessage());
        }
        return true;
    }

    private void welcome(int type, ByteBuffer body) throws TimeFrames.MalformedBodyException, FrameFailure {
        if (type == TimeFrames.WELCOME) {
            myId = TimeFrames.decodeWelcome(body);
            if (myId == 0) throw new FrameFailure(ErrorClass.PROTOCOL, "WELCOME with client id 0");
            return;
        }
        if (type == TimeFrames.ERROR) {
            TimeFrames.ErrorReply error = TimeFrames.decodeError(body);
            throw new FrameFailure(error.code() == TimeFrames.ERR_SERVER_FULL ? ErrorClass.REJECTED : ErrorClass.PROTOCOL,
                    "ERROR " + error.code() + " instead of WELCOME: " + error.text());
        }
        throw new FrameFailure(ErrorClass.PROTOCOL, TimeFrames.typeName(type) + " before WELCOME");
    }

    private void message(ByteBuffer body) throws TimeFrames.MalformedBodyException, FrameFailure {
        TimeFrames.Message message = TimeFrames.decodeMessage(body);
        String[] words = message.text().split(" ");
        boolean ok = words.length == 4 && words[0].equals("lb")
                && words[1].equals(Integer.toUnsignedString(message.fromId()))
                && words[2].equals(Integer.toUnsignedString(myId));
        if (!ok) {
            throw new FrameFailure(ErrorClass.MISMATCH, "MESSAGE from " + Integer.toUnsignedString(message.fromId())
                    + " to " + Integer.toUnsignedString(myId) + " carries '" + message.text() + "'");
        }
        messages.accept(1);
    }

    private void reply(int type, ByteBuffer body, int frameBytes) throws TimeFrames.MalformedBodyException, FrameFailure {
        if (outstanding == 0) throw new FrameFailure(ErrorClass.PROTOCOL, "unsolicited " + TimeFrames.typeName(type));
        int request = expectedType[head];
        int target = sendTarget[head];
        head = (head + 1) % expectedType.length;
        outstanding--;
        if (type == TimeFrames.ERROR) {
            TimeFrames.ErrorReply error = TimeFrames.decodeError(body);
            if (request == TimeFrames.SEND && error.code() == TimeFrames.ERR_NO_SUCH_CLIENT) {
                peers = peers.stream().filter(id -> id != target).toList();
                replies.failed(ErrorClass.PROTOCOL);
                return;
            }
            throw new FrameFailure(ErrorClass.PROTOCOL, "ERROR " + error.code() + " (" + error.text() + ") to "
                    + TimeFrames.typeName(request));
        }
        if (type != (request | 0x80)) {
            throw new FrameFailure(ErrorClass.PROTOCOL, TimeFrames.typeName(type) + " in reply to " + TimeFrames.typeName(request));
        }
        switch (type) {
            case TimeFrames.TIME_OK -> checkTime(TimeFrames.decodeTimeOk(body).instant());
            case TimeFrames.NAME_OK -> checkName(TimeFrames.utf8(body, "NAME_OK host name"));
            case TimeFrames.LIST_OK -> checkList(TimeFrames.decodeListOk(body));
            default -> {
                if (body.hasRemaining()) throw new FrameFailure(ErrorClass.PROTOCOL, TimeFrames.typeName(type) + " with a body");
            }
        }
        replies.ok(frameBytes);
    }

    private void checkTime(Instant serverTime) throws FrameFailure {
        Duration skew = Duration.between(Instant.now(), serverTime).abs();
        if (skew.compareTo(CLOCK_TOLERANCE) > 0) {
            throw new FrameFailure(ErrorClass.MISMATCH, "TIME_OK " + serverTime + " is " + skew.toMillis() + "ms off the client's clock");
        }
    }

    private void checkName(String name) throws FrameFailure {
        if (name.isEmpty()) throw new FrameFailure(ErrorClass.MISMATCH, "NAME_OK with an empty host name");
        if (hostName == null) hostName = name;
        else if (!hostName.equals(name)) throw new FrameFailure(ErrorClass.MISMATCH, "NAME_OK changed from " + hostName + " to " + name);
    }

    private void checkList(List<ClientRegistry.Entry> entries) throws FrameFailure {
        List<Integer> others = new ArrayList<>(entries.size());
        boolean self = false;
        for (ClientRegistry.Entry entry : entries) {
            if (entry.id() == myId) self = true;
            else others.add(entry.id());
        }
        if (!self) throw new FrameFailure(ErrorClass.MISMATCH, "LIST_OK of " + entries.size() + " clients lacks this client " + myId);
        peers = others;
    }

    @Override
    public boolean fresh() {
        return fresh;
    }

    @Override
    public boolean silentRejection() {
        return false;
    }

    /** Carries a Failure through FrameDecoder's handler, which may throw only IOException. */
    private static final class FrameFailure extends IOException {
        final Failure failure;

        FrameFailure(ErrorClass kind, String message) {
            super(message, null);
            this.failure = new Failure(kind, message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
