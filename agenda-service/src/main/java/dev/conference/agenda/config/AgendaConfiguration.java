package dev.conference.agenda.config;

import dev.conference.agenda.grid.AgendaGrid;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AgendaConfiguration {

    @Bean
    AgendaGrid agendaGrid(AgendaProperties properties) {
        return properties.grid().toAgendaGrid();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
