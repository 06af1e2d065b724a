package org.leadscoring.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.leadscoring.config.LeadScoringConfig;

/**
 * Counts every body an endpoint reads against {@code leadscoring.limits.max-body-bytes}, those sent in chunks
 * without a length included: reading stops one byte past the limit with a 413 in the API's error shape, so a body
 * of any size costs at most the limit to refuse.
 */
@Provider
public class BodyLimitInterceptor implements ReaderInterceptor {

    // Looked up per request: providers are created before runtime configuration is available.
    @Inject
    jakarta.inject.Provider<LeadScoringConfig> config;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        long max = config.get().limits().maxBodyBytes();
        context.setInputStream(new Bounded(context.getInputStream(), max));
        return context.proceed();
    }

    /** An input stream that refuses to read past {@code max} bytes. */
    private static final class Bounded extends FilterInputStream {
        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
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

        /** A body past the limit is left unread: closing the server's stream would read it to its end. */
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
}
