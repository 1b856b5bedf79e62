package dev.loombench.interactive;

import dev.loombench.protocol.BadReplyException;
import dev.loombench.protocol.ClientRegistry;
import dev.loombench.protocol.TimeClientCodec;
import dev.loombench.protocol.TimeFrames;
import dev.loombench.serve.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One {@code time} protocol connection, client side (PROTOCOL.md §2): a blocking socket, a reader
 * thread that feeds what arrives to a {@link TimeClientCodec}, and a queue of the replies it cut
 * out. The codec frames requests, checks the WELCOME (or the ERROR 4 sent instead), matches each
 * reply to its request in order and keeps MESSAGEs apart; a server that breaks those rules loses
 * the connection. No terminal code.
 *
 * <p>Usage: {@link #connect} (returns after WELCOME), then the request methods, then
 * {@link #close} (sends BYE first when the connection is still up).
 *
 * <p>Threading: the request methods are called by one thread at a time (the command loop); each
 * writes its request and waits up to the timeout for its reply. MESSAGE indications and the end
 * of the connection are reported to the {@link Listener} on the reader thread, as they arrive. The
 * codec is shared by both threads under its own lock. Errors are {@link IOException}s whose message
 * is fit for a user, e.g. {@code no connected client 9 (code 3)} for an ERROR reply; {@link Closed}
 * means the connection is gone.
 */
public final class TimeClient implements AutoCloseable {

    /** Receives what the server sends unasked; called on the reader thread, never concurrently. */
    public interface Listener {
        void onMessage(int fromId, String text);

        /** {@code source} ended without {@link #close} being called; {@code reason} is fit for a user. */
        void onClosed(TimeClient source, String reason);
    }

    /** The connection is gone: the server closed it, it broke, or a reply did not come in time. */
    public static final class Closed extends IOException {
        Closed(String message) {
            super(message);
        }
    }

    /** A reply as the reader thread hands it over: the request it answers, its type, a copy of its body. */
    private record Reply(int requestType, int type, ByteBuffer body) {}

    private static final Reply WELCOMED = new Reply(0, TimeFrames.WELCOME, ByteBuffer.allocate(0));
    private static final Reply END = new Reply(0, -1, ByteBuffer.allocate(0));

    private final Socket socket;
    private final InetSocketAddress remoteAddress;
    private final OutputStream out;
    private final Duration timeout;
    private final Listener listener;
    private final TimeClientCodec codec = new TimeClientCodec(1); // guarded by itself
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean open; // WELCOME received: from then on the listener hears of the end
    private volatile boolean closing; // close() was called: the end is expected, not reported
    private volatile String endReason = "server closed the connection";
    private String refusal; // the server's ERROR instead of WELCOME; reader thread only
    private int clientId; // written by the reader before it hands over WELCOMED

    private TimeClient(Socket socket, Duration timeout, Listener listener) throws IOException {
        this.socket = socket;
        this.remoteAddress = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.out = socket.getOutputStream();
        this.timeout = timeout;
        this.listener = listener;
        this.reader = Thread.ofPlatform().daemon().name("loombench-client-reader").unstarted(this::readLoop);
    }

    /**
     * Connects and waits for WELCOME. Fails with a user-facing message when nothing listens there,
     * the server refuses the connection (ERROR 4, server full) or sends no WELCOME within {@code timeout}.
     */
    public static TimeClient connect(InetSocketAddress address, Duration timeout, Listener listener) throws IOException {
        if (address.isUnresolved()) address = new InetSocketAddress(address.getHostString(), address.getPort());
        if (address.isUnresolved()) throw new IOException("unknown host " + address.getHostString());
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        TimeClient client = new TimeClient(socket, timeout, listener);
        client.reader.start();
        try {
            client.await("WELCOME", " (the server may be busy serving other clients)"); // the codec lets nothing else come first
            client.open = true;
            return client;
        } catch (IOException e) {
            client.closing = true;
            client.shutdown();
            throw e;
        }
    }

    public int clientId() {
        return clientId;
    }

    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    public Instant time() throws IOException {
        ByteBuffer body = call(TimeFrames.TIME);
        return decode(() -> TimeFrames.decodeTimeOk(body).instant());
    }

    public String name() throws IOException {
        ByteBuffer body = call(TimeFrames.NAME);
        return decode(() -> TimeFrames.utf8(body, "NAME_OK host name"));
    }

    public List<ClientRegistry.Entry> list() throws IOException {
        ByteBuffer body = call(TimeFrames.LIST);
        return decode(() -> TimeFrames.decodeListOk(body));
    }

    /** Sends {@code text} to client {@code targetId}; returns once the server queued it (SEND_OK). */
    public void send(int targetId, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer request = ByteBuffer.allocate(TimeClientCodec.EMPTY_REQUEST_BYTES + Integer.BYTES + utf8.length);
        synchronized (codec) {
            codec.send(targetId, utf8, utf8.length, request);
        }
        write(request.flip());
        body(await(TimeFrames.typeName(TimeFrames.SEND_OK), ""));
    }

    /** What {@link #burst} got: {@code problem} is the first error reply or the end of the connection, or null. */
    public record BurstResult(int requested, int received, Duration elapsed, IOException problem) {}

    /**
     * Writes {@code n} TIME requests at once (pipelined), then waits for every reply, counting the
     * TIME_OK ones. {@code elapsed} runs from the first write to the last reply. Stops early only
     * when the connection ends (see {@link Closed}), which {@code problem} then says.
     */
    public BurstResult burst(int n) throws IOException {
        ByteBuffer requests = ByteBuffer.allocate(n * TimeClientCodec.EMPTY_REQUEST_BYTES);
        synchronized (codec) {
            for (int i = 0; i < n; i++) codec.request(TimeFrames.TIME, requests);
        }
        long start = System.nanoTime();
        write(requests.flip());
        int received = 0;
        IOException problem = null;
        try {
            for (int i = 1; i <= n; i++) {
                try {
                    body(await("TIME_OK " + i + " of " + n, ""));
                    received++;
                } catch (Closed e) {
                    throw e;
                } catch (IOException e) {
                    if (problem == null) problem = e; // an error reply: the others are still on their way
                }
            }
        } catch (Closed e) {
            problem = e;
        }
        return new BurstResult(n, received, Duration.ofNanos(System.nanoTime() - start), problem);
    }

    /** Sends BYE and waits (bounded) for BYE_OK, then closes; idempotent, never throws. */
    @Override
    public void close() {
        if (closing) return;
        closing = true;
        try {
            write(encode(TimeFrames.BYE));
            Reply reply;
            do reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            while (reply != null && reply != END && reply.requestType() != TimeFrames.BYE);
        } catch (IOException ignored) {
            // the connection is already gone; closing is all that is left to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            shutdown();
        }
    }

    private void shutdown() {
        closeSocket();
        if (Thread.currentThread() == reader) return; // a listener closing from the reader thread
        try {
            reader.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to free
        }
    }

    /** Sends a request without a body and returns the body of its reply. */
    private ByteBuffer call(int type) throws IOException {
        write(encode(type));
        return body(await(TimeFrames.typeName(type | 0x80), ""));
    }

    /** A request without a body, framed by the codec, which now expects its reply. */
    private ByteBuffer encode(int type) {
        ByteBuffer request = ByteBuffer.allocate(TimeClientCodec.EMPTY_REQUEST_BYTES);
        synchronized (codec) {
            codec.request(type, request);
        }
        return request.flip();
    }

    private void write(ByteBuffer frame) throws IOException {
        try {
            out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
            out.flush();
        } catch (IOException e) {
            throw new Closed(closing ? "not connected" : endReason);
        }
    }

    /**
     * The next reply from the server (or the WELCOME). A reply that does not come in time leaves the
     * connection out of step (the late reply would answer the next request), so the connection is
     * given up then.
     */
    private Reply await(String what, String hint) throws IOException {
        Reply reply;
        try {
            reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = null;
        }
        if (reply == null) {
            endReason = "no " + what + " within " + Durations.format(timeout) + hint + "; gave up the connection";
            closing = true; // reported here, not by the reader thread
            closeSocket();
            throw new Closed(endReason);
        }
        if (reply == END) {
            replies.offer(END); // later calls see the end too
            throw new Closed(endReason);
        }
        return reply;
    }

    /** The body of a reply; an ERROR is an IOException with the server's words (the codec matched other types to the request). */
    private static ByteBuffer body(Reply reply) throws IOException {
        if (reply.type() == TimeFrames.ERROR) {
            TimeFrames.ErrorReply error = decode(() -> TimeFrames.decodeError(reply.body()));
            throw new IOException(error.text() + " (code " + error.code() + ")");
        }
        return reply.body();
    }

    private void readLoop() {
        TimeClientCodec.Events events = new TimeClientCodec.Events() {
            public void welcome(int id) {
                clientId = id;
                replies.offer(WELCOMED);
            }

            public void reply(int requestType, int replyType, ByteBuffer body, int frameBytes) {
                replies.offer(new Reply(requestType, replyType, ByteBuffer.allocate(body.remaining()).put(body).flip()));
            }

            public void message(int fromId, String text) {
                listener.onMessage(fromId, text);
            }

            public void refused(TimeFrames.ErrorReply error) {
                refusal = error.text() + " (code " + error.code() + ")";
            }
        };
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (codec) {
                    codec.onInput(ByteBuffer.wrap(buffer, 0, n), events);
                }
            }
            synchronized (codec) {
                if (codec.hasPartialFrame()) endReason = "server closed the connection in the middle of a frame";
            }
        } catch (BadReplyException e) {
            endReason = refusal != null ? refusal : "the server broke the protocol: " + e.getMessage();
        } catch (IOException e) {
            if (!closing) endReason = "connection to the server failed: " + e.getMessage();
        } finally {
            closeSocket();
            replies.offer(END);
            if (open && !closing) listener.onClosed(this, endReason);
        }
    }

    private interface Decoding<T> {
        T get() throws TimeFrames.MalformedBodyException;
    }

    private static <T> T decode(Decoding<T> decoding) throws IOException {
        try {
            return decoding.get();
        } catch (TimeFrames.MalformedBodyException e) {
            throw new IOException("malformed reply from the server: " + e.getMessage(), e);
        }
    }
}
