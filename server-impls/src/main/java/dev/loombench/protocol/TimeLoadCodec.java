package dev.loombench.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * The {@code time} protocol as a load client speaks it: a cycle of request types ({@code --op}),
 * and every reply verified. TIME_OK must be within {@link #CLOCK_TOLERANCE_SECONDS} of the client's
 * clock, NAME_OK non-empty and the same on every reply, LIST_OK must hold this client, SEND_OK is
 * empty. SEND goes to a peer learned from LIST (a LIST is made instead while none is known) and
 * carries {@code "lb <from> <to> <n>"}, so each MESSAGE that arrives is checked to come from the id
 * in its text and to be meant for this client; verified MESSAGEs are counted to {@code messages}.
 * ERROR 3 to a SEND (the target left) fails that one request and forgets the target; any other
 * ERROR breaks the connection.
 *
 * <p>Requests are encoded into a small buffer of this codec, so nothing is allocated per request
 * but for LIST replies (a list of peers) and the strings of NAME replies and MESSAGEs.
 */
public final class TimeLoadCodec implements ClientCodec, TimeClientCodec.Events {

    /** How far a TIME_OK may be from the client's clock. */
    public static final long CLOCK_TOLERANCE_SECONDS = 5;
    private static final int MAX_REQUEST = 64; // SEND with "lb <u32> <u32> <long>"

    private final TimeClientCodec codec;
    private final int[] cycle;
    private final LongConsumer messages;
    private final ByteBuffer request = ByteBuffer.allocate(MAX_REQUEST);
    private final byte[] text = new byte[MAX_REQUEST];
    private final SplittableRandom random;
    private long seq;
    private String hostName;
    private int[] peers = new int[0];
    private final int[] targets;   // ring: the SEND target of each outstanding request (0 for other types)
    private int targetHead;
    private int targetCount;
    private Replies replies; // valid during onInput

    /**
     * @param cycle     the request types to make, in turn (e.g. {TIME}, or {TIME, NAME, LIST, SEND})
     * @param pipeline  requests in flight at most
     * @param messages  told of each verified MESSAGE
     * @param seed      for the choice of SEND targets
     */
    public TimeLoadCodec(int[] cycle, int pipeline, LongConsumer messages, long seed) {
        if (cycle.length == 0) throw new IllegalArgumentException("no request types");
        this.codec = new TimeClientCodec(pipeline);
        this.cycle = cycle.clone();
        this.messages = messages;
        this.random = new SplittableRandom(seed);
        this.targets = new int[Math.max(1, pipeline)];
        request.limit(0);
    }

    @Override
    public boolean canSend() {
        return codec.welcomed();
    }

    /** The id from WELCOME; 0 before it. */
    public int clientId() {
        return codec.clientId();
    }

    @Override
    public void nextRequest() {
        int type = cycle[(int) (seq % cycle.length)];
        if (type == TimeFrames.SEND && peers.length == 0) type = TimeFrames.LIST;
        request.clear();
        int target = 0;
        if (type == TimeFrames.SEND) {
            target = peers[random.nextInt(peers.length)];
            int n = putPrefix(text);
            n = putDigits(text, n, Integer.toUnsignedLong(codec.clientId()), ' ');
            n = putDigits(text, n, Integer.toUnsignedLong(target), ' ');
            n = putDigits(text, n, seq, (char) 0);
            codec.send(target, text, n, request);
        } else {
            codec.request(type, request);
        }
        targets[(targetHead + targetCount++) % targets.length] = target;
        request.flip();
        seq++;
    }

    @Override
    public boolean encode(ByteBuffer out) {
        int n = Math.min(out.remaining(), request.remaining());
        out.put(out.position(), request, request.position(), n);
        out.position(out.position() + n);
        request.position(request.position() + n);
        return !request.hasRemaining();
    }

    @Override
    public void onInput(ByteBuffer input, Replies replies) throws BadReplyException {
        this.replies = replies;
        try {
            codec.onInput(input, this);
        } finally {
            this.replies = null;
        }
    }

    @Override
    public void welcome(int clientId) {
        // requests may start now (canSend)
    }

    @Override
    public void reply(int requestType, int replyType, ByteBuffer body, int frameBytes) throws BadReplyException {
        int target = targets[targetHead];
        targetHead = (targetHead + 1) % targets.length;
        targetCount--;
        try {
            if (replyType == TimeFrames.ERROR) {
                TimeFrames.ErrorReply error = TimeFrames.decodeError(body);
                if (requestType == TimeFrames.SEND && error.code() == TimeFrames.ERR_NO_SUCH_CLIENT) {
                    peers = java.util.Arrays.stream(peers).filter(id -> id != target).toArray();
                    replies.failed(BadReplyException.Kind.PROTOCOL);
                    return;
                }
                throw new BadReplyException(BadReplyException.Kind.PROTOCOL, "ERROR " + error.code() + " (" + error.text()
                        + ") to " + TimeFrames.typeName(requestType));
            }
            switch (replyType) {
                case TimeFrames.TIME_OK -> verifyTimeOk(body);
                case TimeFrames.NAME_OK -> checkName(TimeFrames.utf8(body, "NAME_OK host name"));
                case TimeFrames.LIST_OK -> checkList(TimeFrames.decodeListOk(body));
                default -> {
                    if (body.hasRemaining()) {
                        throw new BadReplyException(BadReplyException.Kind.PROTOCOL, TimeFrames.typeName(replyType) + " with a body");
                    }
                }
            }
        } catch (TimeFrames.MalformedBodyException e) {
            throw new BadReplyException(BadReplyException.Kind.PROTOCOL, "malformed " + TimeFrames.typeName(replyType) + ": " + e.getMessage());
        }
        replies.ok(frameBytes);
    }

    @Override
    public void message(int fromId, String message) throws BadReplyException {
        String[] words = message.split(" ");
        boolean ok = words.length == 4 && words[0].equals("lb")
                && words[1].equals(Integer.toUnsignedString(fromId))
                && words[2].equals(Integer.toUnsignedString(codec.clientId()));
        if (!ok) {
            throw new BadReplyException(BadReplyException.Kind.MISMATCH, "MESSAGE from " + Integer.toUnsignedString(fromId)
                    + " to " + Integer.toUnsignedString(codec.clientId()) + " carries '" + message + "'");
        }
        messages.accept(1);
    }

    /** Writes "lb " at the start of {@code dst}; returns the next index. */
    private static int putPrefix(byte[] dst) {
        dst[0] = 'l';
        dst[1] = 'b';
        dst[2] = ' ';
        return 3;
    }

    /** Writes {@code value} (>= 0) in decimal at {@code at}, then {@code then} unless it is 0; returns the next index. */
    private static int putDigits(byte[] dst, int at, long value, char then) {
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) digits++;
        for (int i = at + digits - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        at += digits;
        if (then != 0) dst[at++] = (byte) then;
        return at;
    }

    /**
     * Decodes a TIME_OK body and checks it: nanoseconds within a second, and within
     * {@link #CLOCK_TOLERANCE_SECONDS} of this machine's clock. Every client that checks a time
     * (this codec, the fault suite) checks it here.
     *
     * @throws BadReplyException MISMATCH for a time off the clock, PROTOCOL for a malformed body
     */
    public static TimeFrames.TimeReply verifyTimeOk(ByteBuffer body) throws BadReplyException {
        TimeFrames.TimeReply reply;
        try {
            reply = TimeFrames.decodeTimeOk(body);
        } catch (TimeFrames.MalformedBodyException e) {
            throw new BadReplyException(BadReplyException.Kind.PROTOCOL, "malformed TIME_OK: " + e.getMessage());
        }
        if (reply.nano() < 0 || reply.nano() > 999_999_999) {
            throw new BadReplyException(BadReplyException.Kind.PROTOCOL, "TIME_OK with " + reply.nano() + " nanoseconds");
        }
        long skew = reply.epochSecond() - System.currentTimeMillis() / 1000;
        if (Math.abs(skew) > CLOCK_TOLERANCE_SECONDS) {
            throw new BadReplyException(BadReplyException.Kind.MISMATCH, "TIME_OK " + reply + " is " + skew + " s off the client's clock");
        }
        return reply;
    }

    private void checkName(String name) throws BadReplyException {
        if (name.isEmpty()) throw new BadReplyException(BadReplyException.Kind.MISMATCH, "NAME_OK with an empty host name");
        if (hostName == null) hostName = name;
        else if (!hostName.equals(name)) {
            throw new BadReplyException(BadReplyException.Kind.MISMATCH, "NAME_OK changed from " + hostName + " to " + name);
        }
    }

    private void checkList(List<ClientRegistry.Entry> entries) throws BadReplyException {
        List<Integer> others = new ArrayList<>(entries.size());
        boolean self = false;
        for (ClientRegistry.Entry entry : entries) {
            if (entry.id() == codec.clientId()) self = true;
            else others.add(entry.id());
        }
        if (!self) {
            throw new BadReplyException(BadReplyException.Kind.MISMATCH, "LIST_OK of " + entries.size()
                    + " clients lacks this client " + codec.clientId());
        }
        peers = others.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public boolean fresh() {
        return codec.fresh();
    }

    @Override
    public boolean silentRejection() {
        return false;
    }
}
