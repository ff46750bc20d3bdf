package dev.conference.agenda.config;

import dev.conference.agenda.grid.AgendaGrid;
import dev.conference.agenda.item.AgendaItemService;
import dev.conference.agenda.item.AgendaReadFilter;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.accept.ContentNegotiationManager;

@Configuration(proxyBeanMethods = false)
class AgendaConfiguration {

    /**
     * Tomcat hands an answer to the socket in pieces no larger than its per-connection write buffer, one system
     * call each: with its default of 8 KiB the agenda of 40 talks (34 KB) took five. This size sends that
     * agenda in one, and one of 300 talks in four.
     */
    static final int SOCKET_WRITE_BUFFER_BYTES = 64 * 1024;

    @Bean
    AgendaGrid agendaGrid(AgendaProperties properties) {
        return properties.grid().toAgendaGrid();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * After the filters these answers need (lower orders run first): service-support's shutdown drain
     * (HIGHEST_PRECEDENCE, its {@code Connection: close}), Spring Boot's {@code http.server.requests}
     * observation (HIGHEST_PRECEDENCE + 1) and service-support's body limit (+ 10: a GET declaring a body over
     * the limit still gets 413) and UTF-8 check (+ 11, nothing to check without a body). Before the filters
     * that only prepare requests for Spring MVC: form content (-9900) and request context (-105).
     * Content negotiation is Spring MVC's own, so the filter judges {@code Accept} as the controller does.
     */
    @Bean
    FilterRegistrationBean<AgendaReadFilter> agendaReadFilter(AgendaItemService agenda, AgendaGrid grid,
            @Qualifier("mvcContentNegotiationManager") ContentNegotiationManager negotiation) {
        var registration = new FilterRegistrationBean<>(new AgendaReadFilter(agenda, grid, negotiation));
        registration.addUrlPatterns(AgendaReadFilter.PATH);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    TomcatConnectorCustomizer agendaSizedSocketWrites() {
        return connector -> connector.setProperty("socket.appWriteBufSize", String.valueOf(SOCKET_WRITE_BUFFER_BYTES));
    }
}
