package dev.conference.email;

import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The whole service on a random port, called over HTTP; subclasses choose the SMTP server it sends
 * through (see {@link MailSettings}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EmailServiceTest {

    @LocalServerPort
    int port;

    protected RestTestClient client() {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    /** {@code POST /emails} with this JSON body. */
    protected RestTestClient.ResponseSpec postEmail(String json) {
        return client().post().uri("/emails").contentType(MediaType.APPLICATION_JSON).body(json).exchange();
    }

    protected static String uniqueKey() {
        return "test:" + UUID.randomUUID();
    }

    protected static String requestJson(String key, String template, String to, String title) {
        return """
                {"idempotencyKey":"%s","template":"%s","to":"%s","speakerName":"Ada Lovelace",\
                "proposalTitle":"%s","trackingUrl":"http://localhost:8080/track/abc"}"""
                .formatted(key, template, to, title);
    }
}
