package dev.loombench.protocol;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code time} protocol's frame types, error codes, encoders and decoders (PROTOCOL.md §2),
 * for both directions. Pure functions; every encoder returns a new buffer ready to write
 * ({@code length:u32 type:u8 body}); every decoder reads a frame body as {@link FrameDecoder}
 * hands it over and throws {@link MalformedBodyException} when the body does not fit its type.
 */
public final class TimeFrames {

    // requests, client -> server
    public static final int TIME = 0x01;
    public static final int NAME = 0x02;
    public static final int LIST = 0x03;
    public static final int SEND = 0x04;
    public static final int BYE = 0x05;
    // replies and indications, server -> client
    public static final int TIME_OK = 0x81;
    public static final int NAME_OK = 0x82;
    public static final int LIST_OK = 0x83;
    public static final int SEND_OK = 0x84;
    public static final int BYE_OK = 0x85;
    public static final int WELCOME = 0xC0;
    public static final int MESSAGE = 0xC4;
    public static final int ERROR = 0xFF;

    // error codes carried by ERROR
    public static final int ERR_UNKNOWN_TYPE = 1;
    public static final int ERR_BAD_LENGTH = 2;
    public static final int ERR_NO_SUCH_CLIENT = 3;
    public static final int ERR_SERVER_FULL = 4;
    public static final int ERR_MALFORMED = 5;

    /** A decoded ERROR body. */
    public record ErrorReply(int code, String text) {}

    /** A decoded MESSAGE body. */
    public record Message(int fromId, String text) {}

    /** A decoded TIME_OK body. */
    public record TimeReply(long epochSecond, int nano) {
        public Instant instant() {
            return Instant.ofEpochSecond(epochSecond, nano);
        }
    }

    /** A frame body that does not have the layout its type requires. */
    public static final class MalformedBodyException extends Exception {
        public MalformedBodyException(String message) {
            super(message);
        }
    }

    private TimeFrames() {}

    // ---- encoders ----

    /** A frame of {@code type} with the remaining bytes of {@code body} (not consumed). */
    public static ByteBuffer frame(int type, ByteBuffer body) {
        ByteBuffer frame = ByteBuffer.allocate(Integer.BYTES + 1 + body.remaining());
        frame.putInt(1 + body.remaining()).put((byte) type).put(body.duplicate());
        return frame.flip();
    }

    public static ByteBuffer frame(int type, byte[] body) {
        return frame(type, ByteBuffer.wrap(body));
    }

    /** A frame with an empty body: TIME, NAME, LIST, BYE requests and SEND_OK, BYE_OK replies. */
    public static ByteBuffer empty(int type) {
        return frame(type, new byte[0]);
    }

    public static ByteBuffer welcome(int clientId) {
        return frame(WELCOME, ByteBuffer.allocate(4).putInt(clientId).flip());
    }

    public static ByteBuffer timeOk(Instant now) {
        return frame(TIME_OK, ByteBuffer.allocate(12).putLong(now.getEpochSecond()).putInt(now.getNano()).flip());
    }

    public static ByteBuffer nameOk(String hostName) {
        return frame(NAME_OK, hostName.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A LIST_OK reply. Each address is sent as its IP literal; an unresolved one (as {@link #decodeListOk}
     * returns them) as its host string.
     *
     * @throws IllegalArgumentException if an address is longer than the 255 bytes its length field holds
     */
    public static ByteBuffer listOk(List<ClientRegistry.Entry> clients) {
        List<byte[]> addresses = new ArrayList<>(clients.size());
        int size = 4;
        for (ClientRegistry.Entry client : clients) {
            InetSocketAddress socketAddress = client.address();
            String text = socketAddress.isUnresolved() ? socketAddress.getHostString() : socketAddress.getAddress().getHostAddress();
            byte[] address = text.getBytes(StandardCharsets.UTF_8);
            if (address.length > 255) throw new IllegalArgumentException("address longer than 255 bytes: " + text);
            addresses.add(address);
            size += 4 + 2 + 1 + address.length;
        }
        ByteBuffer body = ByteBuffer.allocate(size).putInt(clients.size());
        for (int i = 0; i < clients.size(); i++) {
            byte[] address = addresses.get(i);
            body.putInt(clients.get(i).id()).putShort((short) clients.get(i).address().getPort())
                    .put((byte) address.length).put(address);
        }
        return frame(LIST_OK, body.flip());
    }

    /** A SEND request (client side). */
    public static ByteBuffer send(int targetId, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        return frame(SEND, ByteBuffer.allocate(4 + text.length).putInt(targetId).put(text).flip());
    }

    /** A MESSAGE indication carrying the raw (already validated) UTF-8 bytes of a SEND. */
    public static ByteBuffer message(int fromId, ByteBuffer utf8Text) {
        return frame(MESSAGE, ByteBuffer.allocate(4 + utf8Text.remaining()).putInt(fromId).put(utf8Text.duplicate()).flip());
    }

    public static ByteBuffer error(int code, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return frame(ERROR, ByteBuffer.allocate(2 + bytes.length).putShort((short) code).put(bytes).flip());
    }

    // ---- decoders (bodies as FrameDecoder hands them over; the buffer is consumed) ----

    public static int decodeWelcome(ByteBuffer body) throws MalformedBodyException {
        requireSize(body, 4, "WELCOME");
        return body.getInt();
    }

    public static TimeReply decodeTimeOk(ByteBuffer body) throws MalformedBodyException {
        requireSize(body, 12, "TIME_OK");
        return new TimeReply(body.getLong(), body.getInt());
    }

    public static List<ClientRegistry.Entry> decodeListOk(ByteBuffer body) throws MalformedBodyException {
        if (body.remaining() < 4) throw new MalformedBodyException("LIST_OK body shorter than its count");
        long count = Integer.toUnsignedLong(body.getInt());
        List<ClientRegistry.Entry> entries = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            if (body.remaining() < 7) throw new MalformedBodyException("LIST_OK entry " + i + " truncated");
            int id = body.getInt();
            int port = Short.toUnsignedInt(body.getShort());
            int addressLength = Byte.toUnsignedInt(body.get());
            if (body.remaining() < addressLength) throw new MalformedBodyException("LIST_OK address " + i + " truncated");
            String address = utf8(body.slice(body.position(), addressLength), "LIST_OK address");
            body.position(body.position() + addressLength);
            entries.add(new ClientRegistry.Entry(id, InetSocketAddress.createUnresolved(address, port)));
        }
        if (body.hasRemaining()) throw new MalformedBodyException("LIST_OK has " + body.remaining() + " bytes after its entries");
        return entries;
    }

    public static Message decodeMessage(ByteBuffer body) throws MalformedBodyException {
        if (body.remaining() < 4) throw new MalformedBodyException("MESSAGE body shorter than its sender id");
        return new Message(body.getInt(), utf8(body, "MESSAGE text"));
    }

    public static ErrorReply decodeError(ByteBuffer body) throws MalformedBodyException {
        if (body.remaining() < 2) throw new MalformedBodyException("ERROR body shorter than its code");
        return new ErrorReply(Short.toUnsignedInt(body.getShort()), utf8(body, "ERROR text"));
    }

    /** Decodes strict UTF-8 (malformed or unmappable input is an error, never replaced). */
    public static String utf8(ByteBuffer bytes, String what) throws MalformedBodyException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new MalformedBodyException(what + " is not valid UTF-8");
        }
    }

    /** A readable name for a frame type, for error texts and logs. */
    public static String typeName(int type) {
        return switch (type) {
            case TIME -> "TIME";
            case NAME -> "NAME";
            case LIST -> "LIST";
            case SEND -> "SEND";
            case BYE -> "BYE";
            case TIME_OK -> "TIME_OK";
            case NAME_OK -> "NAME_OK";
            case LIST_OK -> "LIST_OK";
            case SEND_OK -> "SEND_OK";
            case BYE_OK -> "BYE_OK";
            case WELCOME -> "WELCOME";
            case MESSAGE -> "MESSAGE";
            case ERROR -> "ERROR";
            default -> String.format("0x%02X", type);
        };
    }

    private static void requireSize(ByteBuffer body, int size, String what) throws MalformedBodyException {
        if (body.remaining() != size) {
            throw new MalformedBodyException(what + " body must be " + size + " bytes, was " + body.remaining());
        }
    }
}
