package dev.loombench.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Deliberately careless echo servers, run as child processes to show that the fault suite catches
 * what it claims to: {@code spin} retries a failed accept at once (a busy spin under EMFILE);
 * {@code leak} never closes a connection the client ended (descriptors leak); {@code udp-no-empty}
 * is a UDP echo server that ignores empty datagrams. All print the ready line
 * {@link dev.loombench.client.ChildServer} waits for and exit when stdin ends.
 */
public final class CarelessServers {

    private static final List<Socket> LEAKED = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        if (args[0].equals("udp-no-empty")) {
            udpNoEmpty();
            return;
        }
        boolean leak = args[0].equals("leak");
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress("127.0.0.1", 0), 64);
        System.out.println("{\"event\":\"ready\",\"port\":" + listener.getLocalPort() + ",\"pid\":" + ProcessHandle.current().pid() + "}");
        System.out.flush();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (System.in.read() >= 0) { }
            } catch (IOException e) {
                // gone
            }
            System.exit(0);
        });
        while (true) {
            try {
                Socket socket = listener.accept();
                Thread.ofPlatform().daemon().start(() -> echo(socket, leak)); // virtual threads would need the JDK poller, which cannot start under EMFILE
            } catch (IOException e) {
                // spin: try again at once, as a careless server does under EMFILE
            }
        }
    }

    private static void udpNoEmpty() throws IOException {
        java.nio.channels.DatagramChannel channel = java.nio.channels.DatagramChannel.open();
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        System.out.println("{\"event\":\"ready\",\"port\":" + port + ",\"pid\":" + ProcessHandle.current().pid() + "}");
        System.out.flush();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (System.in.read() >= 0) { }
            } catch (IOException e) {
                // gone
            }
            System.exit(0);
        });
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(64 * 1024);
        while (true) {
            java.net.SocketAddress sender = channel.receive(buffer.clear());
            if (buffer.flip().hasRemaining()) channel.send(buffer, sender); // an empty datagram gets nothing back
        }
    }

    private static void echo(Socket socket, boolean leak) {
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) out.write(buffer, 0, n);
        } catch (IOException e) {
            // reset: the connection is over either way
        }
        if (leak) {
            synchronized (LEAKED) {
                LEAKED.add(socket);
            }
        } else {
            try {
                socket.close();
            } catch (IOException e) {
                // closed
            }
        }
    }
}
