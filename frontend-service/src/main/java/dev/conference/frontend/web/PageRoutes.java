package dev.conference.frontend.web;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The pages' addresses: {@code /} (agenda), {@code /schedule} (my schedule), {@code /talks/{id}} (a talk's permalink),
 * {@code /submit}, {@code /track/{token}}, {@code /admin}.
 */
@Configuration(proxyBeanMethods = false)
class PageRoutes {

    @Bean
    RouterFunction<ServerResponse> pages() {
        return RouterFunctions.route()
                .GET("/schedule", request -> page("schedule.html"))
                .GET("/talks/{id}", request -> page("talk.html"))
                .GET("/submit", request -> page("submit.html"))
                .GET("/track/{token}", request -> page("track.html"))
                .GET("/admin", request -> page("admin.html"))
                // The login form lives in the back office; OIDC errors come back here.
                .GET("/login", request -> ServerResponse.seeOther(URI.create(
                        request.queryParam("error").isPresent() ? "/admin?error" : "/admin")).build())
                .build();
    }

    private static reactor.core.publisher.Mono<ServerResponse> page(String name) {
        Resource html = new ClassPathResource("static/" + name);
        return ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .bodyValue(html);
    }
}
