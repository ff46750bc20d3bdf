package dev.conference.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class Utf8RequestBodyFilterTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 4096})
    void sequencesSplitAcrossReadsAreCheckedWhole(int chunk) throws IOException {
        byte[] text = "é 東 🎤 ok".getBytes(StandardCharsets.UTF_8);

        assertThat(readAll(text, chunk)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"C0AF, 1", "C0AF, 4096", "EDA080, 1", "EDA080, 2", "E282, 1", "E282, 4096", "61F09F, 2"})
    void invalidBytesFailTheReadHoweverTheyArrive(String hex, int chunk) {
        assertThatThrownBy(() -> readAll(HexFormat.of().parseHex(hex), chunk)).isInstanceOf(InvalidUtf8Exception.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            application/json                 | true
            application/json;charset=latin1  | true
            application/problem+json         | true
            text/plain                       | true
            text/plain;charset=UTF-8         | true
            text/plain;charset=ISO-8859-1    | false
            application/octet-stream         | false
            multipart/form-data;boundary=x   | false
            not a type                       | false
            """)
    void jsonAlwaysAndTextInUtf8AreChecked(String contentType, boolean checked) {
        assertThat(Utf8RequestBodyFilter.mustBeUtf8(contentType)).isEqualTo(checked);
    }

    @Test
    void readingThroughTheReaderIsCheckedToo() throws Exception {
        filter(post("application/json", "22C0AF22"),
                (filtered, response) -> assertThatThrownBy(() -> ((HttpServletRequest) filtered)
                        .getReader().read()).isInstanceOf(InvalidUtf8Exception.class));
    }

    @Test
    void otherBodiesAreLeftAlone() throws Exception {
        filter(post("application/octet-stream", "C0AF"),
                (filtered, response) -> assertThat(filtered.getInputStream().readAllBytes()).hasSize(2));
    }

    private static MockHttpServletRequest post(String contentType, String hexBody) {
        var request = new MockHttpServletRequest("POST", "/x");
        request.setContentType(contentType);
        request.setContent(HexFormat.of().parseHex(hexBody));
        return request;
    }

    private static void filter(MockHttpServletRequest request, FilterChain chain) throws Exception {
        new Utf8RequestBodyFilter().doFilter(request, new MockHttpServletResponse(), chain);
    }

    private static byte[] readAll(byte[] bytes, int chunk) throws IOException {
        var in = new Utf8RequestBodyFilter.Utf8CheckingInputStream(new Source(bytes));
        var out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[chunk];
        int n;
        while ((n = in.read(buffer, 0, chunk)) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static final class Source extends ServletInputStream {
        private final ByteArrayInputStream bytes;

        Source(byte[] bytes) {
            this.bytes = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return bytes.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }
    }
}
