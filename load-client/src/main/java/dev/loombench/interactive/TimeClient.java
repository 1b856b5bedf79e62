package dev.loombench.interactive;

import dev.loombench.protocol.ClientRegistry;
import dev.loombench.protocol.FrameDecoder;
import dev.loombench.protocol.TimeFrames;
import dev.loombench.serve.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One {@code time} protocol connection, client side (PROTOCOL.md §2): a blocking socket, a reader
 * thread that cuts the input into frames, and a queue of the replies it read. No terminal code.
 *
 * <p>Usage: {@link #connect} (returns after WELCOME), then the request methods, then
 * {@link #close} (sends BYE first when the connection is still up).
 *
 * <p>Threading: the request methods are called by one thread at a time (the command loop); each
 * writes its request and waits up to the timeout for its reply, which the server sends in request
 * order. MESSAGE indications and the end of the connection are reported to the {@link Listener} on
 * the reader thread, as they arrive. Errors are {@link IOException}s whose message is fit for a user,
 * e.g. {@code no connected client 9 (code 3)} for an ERROR reply; {@link Closed} means the
 * connection is gone.
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

    /** Larger than any reply the server sends to an interactive client (LIST_OK grows with the clients). */
    private static final int MAX_REPLY = 16 * 1024 * 1024;

    private record Frame(int type, ByteBuffer body) {}

    private static final Frame END = new Frame(-1, ByteBuffer.allocate(0));

    private final Socket socket;
    private final InetSocketAddress remoteAddress;
    private final OutputStream out;
    private final Duration timeout;
    private final Listener listener;
    private final BlockingQueue<Frame> replies = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean open; // WELCOME received: from then on the listener hears of the end
    private volatile boolean closing; // close() was called: the end is expected, not reported
    private volatile String endReason = "server closed the connection";
    private int clientId;

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
            Frame welcome = client.await("WELCOME", " (the server may be busy serving other clients)");
            client.clientId = TimeFrames.decodeWelcome(client.expect(welcome, TimeFrames.WELCOME));
            client.open = true;
            return client;
        } catch (IOException | TimeFrames.MalformedBodyException e) {
            client.closing = true;
            client.shutdown();
            if (e instanceof IOException io) throw io;
            throw new IOException("malformed WELCOME: " + e.getMessage(), e);
        }
    }

    public int clientId() {
        return clientId;
    }

    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    public Instant time() throws IOException {
        ByteBuffer body = call(TimeFrames.empty(TimeFrames.TIME), TimeFrames.TIME_OK);
        return decode(() -> TimeFrames.decodeTimeOk(body).instant());
    }

    public String name() throws IOException {
        ByteBuffer body = call(TimeFrames.empty(TimeFrames.NAME), TimeFrames.NAME_OK);
        return decode(() -> TimeFrames.utf8(body, "NAME_OK host name"));
    }

    public List<ClientRegistry.Entry> list() throws IOException {
        ByteBuffer body = call(TimeFrames.empty(TimeFrames.LIST), TimeFrames.LIST_OK);
        return decode(() -> TimeFrames.decodeListOk(body));
    }

    /** Sends {@code text} to client {@code targetId}; returns once the server queued it (SEND_OK). */
    public void send(int targetId, String text) throws IOException {
        call(TimeFrames.send(targetId, text), TimeFrames.SEND_OK);
    }

    /** What {@link #burst} got: {@code problem} is the first error reply or the end of the connection, or null. */
    public record BurstResult(int requested, int received, Duration elapsed, IOException problem) {}

    /**
     * Writes {@code n} TIME requests at once (pipelined), then waits for every reply, counting the
     * TIME_OK ones. {@code elapsed} runs from the first write to the last reply. Stops early only
     * when the connection ends (see {@link Closed}), which {@code problem} then says.
     */
    public BurstResult burst(int n) throws IOException {
        ByteBuffer request = TimeFrames.empty(TimeFrames.TIME);
        ByteBuffer requests = ByteBuffer.allocate(n * request.remaining());
        for (int i = 0; i < n; i++) requests.put(request.duplicate());
        long start = System.nanoTime();
        write(requests.flip());
        int received = 0;
        IOException problem = null;
        try {
            for (int i = 1; i <= n; i++) {
                try {
                    expect(await("TIME_OK " + i + " of " + n, ""), TimeFrames.TIME_OK);
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
            write(TimeFrames.empty(TimeFrames.BYE));
            Frame frame;
            do frame = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            while (frame != null && frame != END && frame.type() != TimeFrames.BYE_OK);
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

    private ByteBuffer call(ByteBuffer request, int replyType) throws IOException {
        write(request);
        return expect(await(TimeFrames.typeName(replyType), ""), replyType);
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
     * The next frame from the server. A reply that does not come in time leaves the connection out of
     * step (the late reply would answer the next request), so the connection is given up then.
     */
    private Frame await(String what, String hint) throws IOException {
        Frame frame;
        try {
            frame = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            frame = null;
        }
        if (frame == null) {
            endReason = "no " + what + " within " + Durations.format(timeout) + hint + "; gave up the connection";
            closing = true; // reported here, not by the reader thread
            closeSocket();
            throw new Closed(endReason);
        }
        if (frame == END) {
            replies.offer(END); // later calls see the end too
            throw new Closed(endReason);
        }
        return frame;
    }

    private ByteBuffer expect(Frame frame, int type) throws IOException {
        if (frame.type() == type) return frame.body();
        if (frame.type() == TimeFrames.ERROR) {
            TimeFrames.ErrorReply error = decode(() -> TimeFrames.decodeError(frame.body()));
            throw new IOException(error.text() + " (code " + error.code() + ")");
        }
        throw new IOException("expected " + TimeFrames.typeName(type) + " but the server sent " + TimeFrames.typeName(frame.type()));
    }

    private void readLoop() {
        FrameDecoder decoder = new FrameDecoder(MAX_REPLY);
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                decoder.feed(ByteBuffer.wrap(buffer, 0, n), this::onFrame);
            }
            if (decoder.hasPartialFrame()) endReason = "server closed the connection in the middle of a frame";
        } catch (IOException e) {
            if (!closing) endReason = "connection to the server failed: " + e.getMessage();
        } finally {
            closeSocket();
            replies.offer(END);
            if (open && !closing) listener.onClosed(this, endReason);
        }
    }

    private boolean onFrame(int type, ByteBuffer body) throws IOException {
        if (type == TimeFrames.MESSAGE) {
            TimeFrames.Message message = decode(() -> TimeFrames.decodeMessage(body)); // malformed: ends the connection
            listener.onMessage(message.fromId(), message.text());
        } else {
            replies.offer(new Frame(type, ByteBuffer.allocate(body.remaining()).put(body).flip()));
        }
        return true;
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
