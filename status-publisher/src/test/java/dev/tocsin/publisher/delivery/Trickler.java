package dev.tocsin.publisher.delivery;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * A receiver that answers one byte at a time: first {@code prefix} at once, then one byte of
 * {@code trickle} per interval, for far longer than any deadline. {@link #stillSending()} tells
 * whether it is still trickling, so a test can show the sender gave up on it first.
 */
final class Trickler implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;
    private volatile boolean sending;
    private volatile boolean accepted;

    Trickler(String prefix, Duration interval, int bytes) {
        try {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(() -> serve(prefix, interval, bytes), "trickler");
        thread.setDaemon(true);
        thread.start();
    }

    /** A status line and complete headers at once, then a body of {@code bytes} bytes, trickled. */
    static Trickler body(Duration interval, int bytes) {
        return new Trickler("HTTP/1.1 200 OK\r\nContent-Length: " + bytes + "\r\n\r\n", interval, bytes);
    }

    /** A status line at once, then headers that never end, trickled. */
    static Trickler headers(Duration interval, int bytes) {
        return new Trickler("HTTP/1.1 200 OK\r\nX-Padding: ", interval, bytes);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hooks/" + Receiver.TOKEN;
    }

    boolean accepted() {
        return accepted;
    }

    boolean stillSending() {
        return sending;
    }

    private void serve(String prefix, Duration interval, int bytes) {
        try (Socket socket = server.accept()) {
            accepted = true;
            sending = true;
            InputStream in = socket.getInputStream();
            // read the request head; the body is small and arrives with it
            byte[] buffer = new byte[16 * 1024];
            in.read(buffer);
            OutputStream out = socket.getOutputStream();
            out.write(prefix.getBytes(US_ASCII));
            out.flush();
            for (int i = 0; i < bytes; i++) {
                Thread.sleep(interval.toMillis());
                out.write('x');
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up or the test ended
        } finally {
            sending = false;
        }
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        server.close();
    }
}
