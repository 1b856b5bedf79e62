package dev.loombench.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The two ways a connection writes its requests.
 *
 * <p>{@link Direct}: on the connection's own thread, which then reads the replies — no hand-off,
 * so the measured round trip is the server's, not the client's. Safe while the bytes in flight
 * are small: even if the server stopped reading, they fit in the socket buffers and the write
 * returns. {@link Threaded}: for bulk echo ({@code size × pipeline} above
 * {@link LoadContext#DIRECT_WRITE_LIMIT}): a companion virtual thread writes while the
 * connection's thread reads. Writing 64 MiB and only then reading would deadlock: the server's
 * echo fills the client's receive buffer, the server blocks writing and stops reading, and the
 * client's write never completes.
 */
final class RequestWriters {

    private RequestWriters() {}

    /** Writes on the calling thread; a small request goes out in one write (one segment with TCP_NODELAY). */
    static final class Direct implements ClientSession.RequestWriter {
        private final OutputStream out;
        private byte[] scratch = new byte[0];

        Direct(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(byte[] head, int headLength, byte[] body, int bodyOffset, int bodyLength) throws IOException {
            if (bodyLength == 0) {
                out.write(head, 0, headLength);
            } else if (headLength == 0) {
                out.write(body, bodyOffset, bodyLength);
            } else if (headLength + bodyLength <= LoadContext.DIRECT_WRITE_LIMIT) {
                int total = headLength + bodyLength;
                if (scratch.length < total) scratch = new byte[total];
                System.arraycopy(head, 0, scratch, 0, headLength);
                System.arraycopy(body, bodyOffset, scratch, headLength, bodyLength);
                out.write(scratch, 0, total);
            } else {
                out.write(head, 0, headLength);
                out.write(body, bodyOffset, bodyLength);
            }
        }
    }

    /**
     * Hands requests to a companion virtual thread that writes them in order. A write failure
     * is kept for the connection's thread ({@link #failure}) and closes the socket, which ends
     * that thread's read. {@link #close} ends the companion.
     */
    static final class Threaded implements ClientSession.RequestWriter, AutoCloseable {
        private record Request(byte[] head, byte[] body, int offset, int length) {}

        private final BlockingQueue<Request> queue;
        private final Thread thread;
        private volatile IOException failure;

        Threaded(Socket socket, int pipeline) throws IOException {
            OutputStream out = socket.getOutputStream();
            this.queue = new ArrayBlockingQueue<>(pipeline);
            this.thread = Thread.ofVirtual().name("loombench-writer").start(() -> {
                try {
                    while (true) {
                        Request r = queue.take();
                        out.write(r.head);
                        out.write(r.body, r.offset, r.length);
                    }
                } catch (InterruptedException e) {
                    // closed
                } catch (IOException e) {
                    failure = e;
                    closeQuietly(socket);
                }
            });
        }

        @Override
        public void write(byte[] head, int headLength, byte[] body, int bodyOffset, int bodyLength) throws IOException {
            IOException failed = failure;
            if (failed != null) throw failed;
            try {
                queue.put(new Request(Arrays.copyOf(head, headLength), body, bodyOffset, bodyLength));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while queueing a request");
            }
        }

        /** The write failure that closed the socket, or null. */
        IOException failure() {
            return failure;
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }
}
