package dev.conference.email.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.email.config.EmailProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EmailRendererTest {

    private static final String SCRIPT = "<script>alert('x' & \"y\")</script>";

    private final EmailRenderer renderer = new EmailRenderer(
            new EmailProperties("Conference Platform <cfp@conference.local>", "DevConf 2027",
                    "conference-platform.local", 10));

    @ParameterizedTest
    @EnumSource(EmailTemplate.class)
    void everyTemplateRendersSubjectTextAndHtml(EmailTemplate template) {
        RenderedEmail email = renderer.render(template,
                new EmailContent("Ada Lovelace", "Analytical engines", "https://cfp.example.com/track/t1"));

        assertThat(email.subject()).endsWith(": Analytical engines");
        assertThat(email.text()).startsWith("Hello Ada Lovelace,\n")
                .contains("\"Analytical engines\"", "DevConf 2027", "https://cfp.example.com/track/t1")
                .doesNotContain("<");
        assertThat(email.html()).startsWith("<!DOCTYPE html>")
                .contains("<p>Hello Ada Lovelace,</p>", "Analytical engines", "DevConf 2027",
                        "<a href=\"https://cfp.example.com/track/t1\">");
    }

    @Test
    void eachTemplateHasItsOwnSubject() {
        var content = new EmailContent("Ada", "Engines", null);

        assertThat(renderer.render(EmailTemplate.PROPOSAL_RECEIVED, content).subject())
                .isEqualTo("We received your proposal: Engines");
        assertThat(renderer.render(EmailTemplate.PROPOSAL_APPROVED, content).subject())
                .isEqualTo("Your proposal was accepted: Engines");
        assertThat(renderer.render(EmailTemplate.PROPOSAL_REJECTED, content).subject())
                .isEqualTo("About your proposal: Engines");
        assertThat(renderer.render(EmailTemplate.PROPOSAL_WITHDRAWN, content).subject())
                .isEqualTo("Your proposal was withdrawn: Engines");
    }

    @Test
    void theWithdrawalConfirmsThatTheProposalWasWithdrawn() {
        RenderedEmail email = renderer.render(EmailTemplate.PROPOSAL_WITHDRAWN,
                new EmailContent("Ada", "Engines", "https://cfp.example.com/track/t1"));

        assertThat(email.text()).contains("\"Engines\" has been withdrawn from");
        assertThat(email.html()).contains("<p>As you asked, \"Engines\" has been withdrawn from");
    }

    @Test
    void withoutATrackingUrlThereIsNoLink() {
        RenderedEmail email = renderer.render(EmailTemplate.PROPOSAL_APPROVED, new EmailContent("Ada", "Engines", null));

        assertThat(email.text()).doesNotContain("follow your proposal");
        assertThat(email.html()).doesNotContain("<a ");
    }

    @ParameterizedTest
    @EnumSource(EmailTemplate.class)
    void everyUserFieldIsEscapedInHtmlAndLiteralInText(EmailTemplate template) {
        RenderedEmail email = renderer.render(template,
                new EmailContent(SCRIPT, SCRIPT, "https://example.com/?q=\"><script>alert(1)</script>"));
        String escaped = "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;";

        assertThat(email.html()).doesNotContain("<script>")
                .contains("<p>Hello " + escaped + ",</p>")
                .contains("\"" + escaped + "\"")
                .contains("<title>" + template.subject(escaped) + "</title>")
                .contains("href=\"https://example.com/?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
        assertThat(email.text()).contains("Hello " + SCRIPT + ",", "\"" + SCRIPT + "\"",
                "https://example.com/?q=\"><script>alert(1)</script>");
        assertThat(email.subject()).endsWith(SCRIPT);
    }

    @Test
    void theConferenceNameIsEscapedToo() {
        var risky = new EmailRenderer(new EmailProperties("a@b.c", "<b>Conf</b>", "d.e", 1));

        RenderedEmail email = risky.render(EmailTemplate.PROPOSAL_RECEIVED, new EmailContent("Ada", "Engines", null));

        assertThat(email.html()).contains("&lt;b&gt;Conf&lt;/b&gt;").doesNotContain("<b>");
    }

    @ParameterizedTest
    @EnumSource(EmailTemplate.class)
    void lineBreaksInTheTitleCannotLeaveTheSubjectHeader(EmailTemplate template) {
        RenderedEmail email = renderer.render(template,
                new EmailContent("Ada", "Talk\r\nBcc: victim@example.com\n\rX-Evil:\u2028yes\u0000", null));

        assertThat(email.subject()).doesNotContain("\r", "\n", "\u2028", "\u0000")
                .endsWith(": Talk Bcc: victim@example.com X-Evil: yes");
    }
}
