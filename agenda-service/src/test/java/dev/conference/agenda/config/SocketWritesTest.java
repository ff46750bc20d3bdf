package dev.conference.agenda.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.AgendaServiceTest;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** The socket write buffer {@link AgendaConfiguration} sizes is the one the service's Tomcat runs with. */
class SocketWritesTest extends AgendaServiceTest {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theRunningConnectorHasTheAgendaSizedWriteBuffer() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

        assertThat(connector.getProperty("socket.appWriteBufSize"))
                .hasToString(String.valueOf(AgendaConfiguration.SOCKET_WRITE_BUFFER_BYTES));
    }
}
