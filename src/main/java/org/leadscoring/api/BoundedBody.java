package org.leadscoring.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read at most one byte past {@code leadscoring.limits.max-body-bytes}: a body sent in chunks has no
 * length for {@link BodyLimitRoute} to check, so it is counted as it is read, and refusing one costs the limit. A body
 * past the limit is never read to its end (closing the server's stream would drain it).
 */
public final class BoundedBody extends FilterInputStream {

    private final long max;
    private long read;

    private BoundedBody(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    /** The stream, refusing with {@link BodyTooLargeException} to read past {@code max} bytes. */
    public static InputStream of(InputStream in, long max) {
        return new BoundedBody(in, max);
    }

    /** The whole body, or {@link BodyTooLargeException} when it is longer than {@code max} bytes. */
    public static byte[] readAll(InputStream in, long max) {
        try {
            return of(in, max).readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            throw new InvalidRequestException("body", "could not be read to its end");
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, (int) Math.min(length, max - read + 1));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (read <= max) {
            super.close();
        }
    }

    private void count(int n) {
        read += n;
        if (read > max) {
            throw new BodyTooLargeException(max);
        }
    }
}
