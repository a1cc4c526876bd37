package dev.tocsin.ingest.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a request body through, failing as soon as more than {@code limit} bytes were read: the
 * body is parsed straight from the socket, so a body without (or with a false) Content-Length
 * still cannot grow beyond the route's limit.
 */
final class LimitedInputStream extends FilterInputStream {

    /** Thrown by reads past the limit; {@link #exceeded()} tells it apart from a broken connection. */
    static final class LimitExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceededException(long limit) {
            super("The body is larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private long read;
    private boolean exceeded;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    private void counted(long n) throws LimitExceededException {
        read += n;
        if (read > limit) {
            exceeded = true;
            throw new LimitExceededException(limit);
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
