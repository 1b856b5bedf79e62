package dev.loombench.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The {@code time} protocol, server side (PROTOCOL.md §2): WELCOME on open, then one reply per
 * request frame, in request order. Errors 1, 3 and 5 keep the connection; error 2 (bad frame
 * length) closes it, since the stream cannot be resynchronised.
 */
final class TimeSession implements ProtocolSession {

    private final ServerContext context;
    private final Connection connection;
    private final FrameDecoder decoder;
    private int clientId; // 0 until registered

    TimeSession(ServerContext context, Connection connection) {
        this.context = context;
        this.connection = connection;
        this.decoder = new FrameDecoder(context.maxFrame());
    }

    /**
     * Publishes the id, then writes WELCOME: once a client has its WELCOME, every LIST shows it.
     * No MESSAGE can overtake the WELCOME because models call {@code open()} with the connection's
     * output held ({@link ProtocolSession#open}): a concurrent {@code deliver} waits until it returns.
     */
    @Override
    public boolean open() throws IOException {
        clientId = context.clients().newId();
        context.clients().publish(clientId, connection);
        connection.write(TimeFrames.welcome(clientId));
        return true;
    }

    @Override
    public boolean onInput(ByteBuffer input) throws IOException {
        boolean open;
        try {
            open = decoder.feed(input, this::onRequest);
        } catch (BadFrameException e) {
            connection.write(TimeFrames.error(TimeFrames.ERR_BAD_LENGTH, e.getMessage()));
            open = false;
        }
        if (!open) input.position(input.limit()); // closing: what follows BYE or a bad frame is never answered
        return open;
    }

    /** Answers one request; false after BYE. */
    private boolean onRequest(int type, ByteBuffer body) throws IOException {
        context.simulateWork();
        switch (type) {
            case TimeFrames.TIME -> replyIfEmpty(body, type, () -> TimeFrames.timeOk(context.clock().instant()));
            case TimeFrames.NAME -> replyIfEmpty(body, type, () -> TimeFrames.nameOk(context.hostName()));
            case TimeFrames.LIST -> replyIfEmpty(body, type, () -> TimeFrames.listOk(context.clients().snapshot()));
            case TimeFrames.SEND -> connection.write(forward(body));
            case TimeFrames.BYE -> {
                if (body.hasRemaining()) {
                    connection.write(malformed("BYE takes no body, got " + body.remaining() + " bytes"));
                    return true;
                }
                connection.write(TimeFrames.empty(TimeFrames.BYE_OK));
                return false;
            }
            default -> connection.write(TimeFrames.error(TimeFrames.ERR_UNKNOWN_TYPE,
                    "unknown request type " + TimeFrames.typeName(type)));
        }
        return true;
    }

    /** Delivers a SEND body to its target and returns the reply for the sender. */
    private ByteBuffer forward(ByteBuffer body) {
        if (body.remaining() < Integer.BYTES) {
            return malformed("SEND body must start with a 4-byte target id, got " + body.remaining() + " bytes");
        }
        int targetId = body.getInt();
        try {
            TimeFrames.utf8(body.duplicate(), "SEND message");
        } catch (TimeFrames.MalformedBodyException e) {
            return malformed(e.getMessage());
        }
        Connection target = context.clients().lookup(targetId);
        if (target == null || !target.deliver(TimeFrames.message(clientId, body))) {
            return TimeFrames.error(TimeFrames.ERR_NO_SUCH_CLIENT, "no connected client " + Integer.toUnsignedString(targetId));
        }
        return TimeFrames.empty(TimeFrames.SEND_OK);
    }

    private void replyIfEmpty(ByteBuffer body, int type, java.util.function.Supplier<ByteBuffer> reply) throws IOException {
        connection.write(body.hasRemaining()
                ? malformed(TimeFrames.typeName(type) + " takes no body, got " + body.remaining() + " bytes")
                : reply.get());
    }

    private static ByteBuffer malformed(String text) {
        return TimeFrames.error(TimeFrames.ERR_MALFORMED, text);
    }

    @Override
    public void close() {
        if (clientId != 0) context.clients().unregister(clientId);
    }
}
