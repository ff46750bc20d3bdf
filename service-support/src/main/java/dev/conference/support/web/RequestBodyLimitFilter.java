package dev.conference.support.web;

import dev.conference.web.ProblemJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with 413: at once when the declared length is too large,
 * and while reading when a chunked body grows past it.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long limitBytes;

    public RequestBodyLimitFilter(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limitBytes) {
            ProblemResponses.write(request, response, HttpStatus.CONTENT_TOO_LARGE, ProblemJson.TOO_LARGE_TITLE,
                    ProblemJson.tooLargeDetail(limitBytes));
            return;
        }
        chain.doFilter(new WrappedBodyRequest(request, body -> new LimitedInputStream(body, limitBytes)), response);
    }

    private static final class LimitedInputStream extends ServletInputStreamWrapper {
        private final long limitBytes;
        private long read;

        LimitedInputStream(ServletInputStream delegate, long limitBytes) {
            super(delegate);
            this.limitBytes = limitBytes;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > limitBytes) {
                throw new PayloadTooLargeException(limitBytes);
            }
        }
    }
}
