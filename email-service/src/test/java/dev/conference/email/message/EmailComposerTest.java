package dev.conference.email.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conference.email.config.EmailProperties;
import dev.conference.email.template.EmailRenderer;
import dev.conference.email.template.EmailTemplate;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.web.ErrorResponseException;

class EmailComposerTest {

    private static final EmailProperties PROPERTIES = new EmailProperties(
            "Conference Platform <cfp@conference.local>", "Conference 2027", "conference-platform.local", 10);

    private final EmailComposer composer = new EmailComposer(new EmailRenderer(PROPERTIES), PROPERTIES,
            new JavaMailSenderImpl());

    @Test
    void theMessageKeepsItsDeterministicMessageIdWhenSaved() throws Exception {
        MessageId id = MessageId.forKey("k1", "conference-platform.local");

        MimeMessage message = composer.compose(request("k1", "Engines", "Ada Lovelace"), id);
        message.saveChanges();

        assertThat(message.getMessageID()).isEqualTo(id.value());
        assertThat(message.getHeader("X-Idempotency-Key")).containsExactly("k1");
    }

    @Test
    void theMessageIsOneMultipartAlternativeWithTextThenHtml() throws Exception {
        MimeMessage message = composer.compose(request("k2", "Engines", "Ada Lovelace"), MessageId.forKey("k2", "d"));

        assertThat(message.getContentType()).startsWith("multipart/alternative");
        var parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(message.getFrom()).containsExactly(new InternetAddress("Conference Platform <cfp@conference.local>"));
    }

    @Test
    void lineBreaksInTitleOrNameAddNoHeader() throws Exception {
        MimeMessage message = composer.compose(
                request("k3", "Engines\r\nBcc: victim@example.com", "Ada\r\nX-Evil: yes"), MessageId.forKey("k3", "d"));

        String headers = headersOf(message);
        assertThat(headers).doesNotContainPattern("(?m)^Bcc:").doesNotContainPattern("(?m)^X-Evil:");
        assertThat(message.getSubject()).isEqualTo("We received your proposal: Engines Bcc: victim@example.com");
        assertThat(message.getRecipients(RecipientType.TO)).extracting(a -> ((InternetAddress) a).getPersonal())
                .containsExactly("Ada X-Evil: yes");
        assertThat(message.getAllRecipients()).hasSize(1);
    }

    @Test
    void aSenderAddressOutsideThePlatformsRuleStopsTheStart() {
        var quoted = new EmailProperties("CfP <\"c f p\"@conference.local>", "Conference 2027", "d", 10);

        assertThatThrownBy(() -> new EmailComposer(new EmailRenderer(quoted), quoted, new JavaMailSenderImpl()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("email.from must not have a quoted local part");
    }

    @Test
    void anAddressJavaMailCannotParseIsAClientError() {
        var request = new SendEmailRequest("k4", EmailTemplate.PROPOSAL_RECEIVED, "ada@@example.com", "Ada", "T", null);

        assertThatThrownBy(() -> composer.compose(request, MessageId.forKey("k4", "d")))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
    }

    private static SendEmailRequest request(String key, String title, String name) {
        return new SendEmailRequest(key, EmailTemplate.PROPOSAL_RECEIVED, "ada@example.com", name, title,
                "https://example.com/track/1");
    }

    private static String headersOf(MimeMessage message) throws Exception {
        var out = new ByteArrayOutputStream();
        message.writeTo(out);
        String raw = out.toString(StandardCharsets.UTF_8);
        return raw.substring(0, raw.indexOf("\r\n\r\n"));
    }

}
