package dev.tocsin.publisher.delivery;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One webhook POST over HTTP/1.1 to an address already checked by {@link AddressPolicy}: the
 * connection goes to that address (no second DNS lookup), while the Host header, TLS SNI and the
 * certificate check use the URL's host. The whole exchange (connect, TLS handshake, request,
 * status line and headers) must finish within one deadline: a watchdog closes the socket when
 * it passes, so a receiver trickling its answer byte by byte is cut off. The response body is
 * never read: only the status matters.
 *
 * <p>Not final: tests stand in a client that connects elsewhere. Why not {@code java.net.http.HttpClient}: it resolves the host itself (no way to pin the
 * checked address) and its timeout covers only the wait for the response headers.
 */
class WebhookHttp {

    /** The status and the Retry-After header of an answer. */
    record Response(int status, Optional<String> retryAfter) {}

    /** The deadline passed before the status line and headers were in. */
    static final class DeadlineExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        DeadlineExceeded() {
            super("deadline exceeded", null);
        }
    }

    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 100;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final SSLSocketFactory tls;

    WebhookHttp(SSLSocketFactory tls) {
        this.tls = tls;
    }

    static WebhookHttp withDefaultTrust() {
        return new WebhookHttp((SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /**
     * POSTs {@code body} to {@code target} at {@code address}.
     *
     * @throws IllegalArgumentException when a header value would break the request (CR, LF)
     * @throws DeadlineExceeded         when {@code deadline} passed first
     * @throws IOException              when the connection failed or the answer was not HTTP
     */
    Response post(URI target, InetAddress address, Map<String, String> headers, byte[] body, Duration deadline)
            throws IOException {
        String host = target.getHost();
        boolean https = "https".equalsIgnoreCase(target.getScheme());
        int port = target.getPort() > 0 ? target.getPort() : https ? 443 : 80;
        byte[] head = head(target, host, port, https, headers, body.length);
        long end = System.nanoTime() + deadline.toNanos();
        Socket socket = new Socket();
        ScheduledFuture<?> watchdog =
                WATCHDOG.schedule(() -> closeQuietly(socket), deadline.toNanos(), TimeUnit.NANOSECONDS);
        try {
            socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, remainingMillis(end)));
            socket.setSoTimeout((int) Math.max(1, remainingMillis(end)));
            Socket channel = https ? tls(socket, host, port) : socket;
            OutputStream out = channel.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            return read(new BufferedInputStream(channel.getInputStream()));
        } catch (IOException e) {
            // connect and read timeouts are set to what is left of the deadline
            if (e instanceof SocketTimeoutException || System.nanoTime() - end >= 0) {
                throw new DeadlineExceeded();
            }
            throw e;
        } finally {
            watchdog.cancel(false);
            closeQuietly(socket);
        }
    }

    private Socket tls(Socket socket, String uriHost, int port) throws IOException {
        String host = uriHost.startsWith("[") ? uriHost.substring(1, uriHost.length() - 1) : uriHost;
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        // the certificate must name the URL's host, although we connected to an address
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static byte[] head(
            URI target, String host, int port, boolean https, Map<String, String> headers, int length) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        if (target.getRawQuery() != null) {
            path += "?" + target.getRawQuery();
        }
        boolean defaultPort = port == (https ? 443 : 80);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", defaultPort ? host : host + ":" + port);
        all.putAll(headers);
        all.put("Content-Length", String.valueOf(length));
        all.put("Connection", "close");
        StringBuilder request = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n");
        all.forEach((name, value) -> {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || name.indexOf(':') >= 0) {
                throw new IllegalArgumentException("header " + name + " has a line break");
            }
            request.append(name).append(": ").append(value).append("\r\n");
        });
        return request.append("\r\n").toString().getBytes(US_ASCII);
    }

    /** The first final answer's status and Retry-After; interim 1xx answers are skipped. */
    private static Response read(InputStream in) throws IOException {
        while (true) {
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x answer");
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("status is not a number");
            }
            Optional<String> retryAfter = Optional.empty();
            for (int i = 0; ; i++) {
                String header = line(in);
                if (header.isEmpty()) {
                    break;
                }
                if (i >= MAX_HEADERS) {
                    throw new IOException("too many response headers");
                }
                int colon = header.indexOf(':');
                if (colon > 0
                        && header.substring(0, colon)
                                .trim()
                                .toLowerCase(Locale.ROOT)
                                .equals("retry-after")) {
                    retryAfter = Optional.of(header.substring(colon + 1).trim());
                }
            }
            if (status >= 200 || status < 100) {
                return new Response(status, retryAfter);
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed before the answer was complete");
            }
            if (next == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, US_ASCII);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("response line too long");
            }
            line.write(next);
        }
    }

    private static long remainingMillis(long end) throws DeadlineExceeded {
        long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        if (left <= 0) {
            throw new DeadlineExceeded();
        }
        return left;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that is left to do
        }
    }
}
