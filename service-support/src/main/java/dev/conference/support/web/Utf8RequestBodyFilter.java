package dev.conference.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets only strictly valid UTF-8 through in JSON and text request bodies: overlong forms (C0 AF for "/"),
 * surrogates encoded in UTF-8, code points past U+10FFFF, stray continuation bytes and a sequence cut off
 * at the end fail the read with {@link InvalidUtf8Exception} before the bytes reach a parser, which might
 * otherwise decode them leniently. The body is checked as it streams past; nothing is buffered.
 * Text declared in another charset is left to that charset's decoder.
 */
public class Utf8RequestBodyFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(mustBeUtf8(request.getContentType()) ? new Utf8Request(request) : request, response);
    }

    static boolean mustBeUtf8(String contentType) {
        if (contentType == null) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        // JSON is UTF-8 whatever the request declares (RFC 8259).
        if (type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json")) {
            return true;
        }
        return "text".equals(type.getType())
                && (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()));
    }

    private static final class Utf8Request extends WrappedBodyRequest {
        private BufferedReader reader;

        Utf8Request(HttpServletRequest request) {
            super(request, Utf8CheckingInputStream::new);
        }

        /** The wrapped request's reader would read past the check. */
        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                reader = new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
            }
            return reader;
        }
    }

    /** Decodes every byte it hands on with a decoder that reports, instead of replacing, what is not UTF-8. */
    static final class Utf8CheckingInputStream extends ServletInputStreamWrapper {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        /** The start of a sequence that the last read cut in two: at most three bytes. */
        private final ByteBuffer pending = ByteBuffer.allocate(8);
        private final CharBuffer scratch = CharBuffer.allocate(1024);
        private long checked;
        private boolean ended;

        Utf8CheckingInputStream(ServletInputStream delegate) {
            super(delegate);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                check(buffer, offset, n);
            } else if (n < 0) {
                end();
            }
            return n;
        }

        private void check(byte[] buffer, int offset, int length) throws InvalidUtf8Exception {
            int index = 0;
            // Complete a sequence left over from the last read, one byte at a time.
            while (pending.position() > 0 && index < length) {
                pending.put(buffer[offset + index++]);
                pending.flip();
                decode(pending, false);
                pending.compact();
            }
            if (index < length) {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, offset + index, length - index);
                decode(bytes, false);
                pending.put(bytes);
            }
        }

        private void end() throws InvalidUtf8Exception {
            if (ended) {
                return;
            }
            ended = true;
            pending.flip();
            decode(pending, true);
            if (pending.hasRemaining()) {
                throw new InvalidUtf8Exception(checked);
            }
        }

        private void decode(ByteBuffer bytes, boolean endOfInput) throws InvalidUtf8Exception {
            while (true) {
                int before = bytes.position();
                CoderResult result = decoder.decode(bytes, scratch, endOfInput);
                checked += bytes.position() - before;
                scratch.clear();
                if (result.isError()) {
                    throw new InvalidUtf8Exception(checked);
                }
                if (result.isUnderflow()) {
                    return;
                }
            }
        }
    }
}
