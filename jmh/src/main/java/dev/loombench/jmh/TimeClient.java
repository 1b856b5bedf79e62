package dev.loombench.jmh;

import dev.loombench.protocol.TimeFrames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * {@code time} protocol round trips on one connection (PROTOCOL.md §2): reads the WELCOME on
 * connect, then each round trip sends a TIME request and decodes the TIME_OK reply with
 * {@link TimeFrames}. An ERROR frame, any other frame type, a malformed body or a time more than
 * a minute off this machine's clock throws.
 *
 * <p>Frames are read exactly (header, then body), never past the reply, so nothing is left
 * buffered between round trips.
 *
 * @see EchoClient the unframed sibling
 */
public final class TimeClient implements RoundTripClient {

    private static final byte[] TIME_REQUEST = bytes(TimeFrames.empty(TimeFrames.TIME));
    /** Largest reply frame accepted; TIME_OK is 13 bytes, an ERROR with its text a little more. */
    private static final int MAX_REPLY = 1024;
    private static final long MAX_CLOCK_SKEW_SECONDS = 60;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] header = new byte[Integer.BYTES];
    private final byte[] frame = new byte[MAX_REPLY];
    private final int clientId;

    /** Takes ownership of a connected {@code socket} and reads the server's WELCOME. */
    public TimeClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
        try {
            this.clientId = TimeFrames.decodeWelcome(readFrame(TimeFrames.WELCOME));
        } catch (TimeFrames.MalformedBodyException e) {
            throw new WrongReplyException(e.getMessage());
        }
    }

    /** The id the server gave this connection in its WELCOME. */
    public int clientId() {
        return clientId;
    }

    @Override
    public long roundTrip() throws IOException {
        out.write(TIME_REQUEST);
        TimeFrames.TimeReply reply;
        try {
            reply = TimeFrames.decodeTimeOk(readFrame(TimeFrames.TIME_OK));
        } catch (TimeFrames.MalformedBodyException e) {
            throw new WrongReplyException(e.getMessage());
        }
        long skew = reply.epochSecond() - System.currentTimeMillis() / 1000;
        if (Math.abs(skew) > MAX_CLOCK_SKEW_SECONDS || reply.nano() < 0 || reply.nano() > 999_999_999) {
            throw new WrongReplyException("implausible TIME_OK " + reply + " (" + skew + " s from this clock)");
        }
        return reply.epochSecond() ^ reply.nano();
    }

    /** Reads one whole frame, requires its type, and returns its body. */
    private ByteBuffer readFrame(int expectedType) throws IOException {
        ClientSockets.readFully(in, header, header.length, "a frame header");
        long length = Integer.toUnsignedLong(ByteBuffer.wrap(header).getInt());
        if (length < 1 || length > MAX_REPLY) {
            throw new WrongReplyException("frame length " + length + " while waiting for " + TimeFrames.typeName(expectedType));
        }
        ClientSockets.readFully(in, frame, (int) length, "a frame");
        int type = Byte.toUnsignedInt(frame[0]);
        ByteBuffer body = ByteBuffer.wrap(frame, 1, (int) length - 1);
        if (type == expectedType) return body;
        if (type == TimeFrames.ERROR) {
            throw new WrongReplyException("server answered " + describeError(body) + " instead of " + TimeFrames.typeName(expectedType));
        }
        throw new WrongReplyException("got " + TimeFrames.typeName(type) + " instead of " + TimeFrames.typeName(expectedType));
    }

    private static String describeError(ByteBuffer body) {
        try {
            TimeFrames.ErrorReply error = TimeFrames.decodeError(body);
            return "ERROR " + error.code() + " '" + error.text() + "'";
        } catch (TimeFrames.MalformedBodyException e) {
            return "a malformed ERROR (" + e.getMessage() + ")";
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a loopback socket we own; nothing left to recover
        }
    }
}
