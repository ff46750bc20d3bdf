package dev.conference.support.web;

import dev.conference.web.ShutdownDrain;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/** While the service drains, answers every request with {@code Connection: close}, which Tomcat honours. */
public class ShutdownDrainFilter extends OncePerRequestFilter {

    private final ShutdownDrain drain;

    public ShutdownDrainFilter(ShutdownDrain drain) {
        this.drain = drain;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (drain.isDraining()) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        chain.doFilter(request, response);
    }
}
