package dev.conference.support.web;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.function.UnaryOperator;

/** A request whose body is read through a stream wrapped around the container's, made once on first use. */
class WrappedBodyRequest extends HttpServletRequestWrapper {

    private final UnaryOperator<ServletInputStream> wrapper;
    private ServletInputStream stream;

    WrappedBodyRequest(HttpServletRequest request, UnaryOperator<ServletInputStream> wrapper) {
        super(request);
        this.wrapper = wrapper;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = wrapper.apply(super.getInputStream());
        }
        return stream;
    }
}
