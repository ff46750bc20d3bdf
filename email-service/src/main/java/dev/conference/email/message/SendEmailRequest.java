package dev.conference.email.message;

import dev.conference.email.template.EmailContent;
import dev.conference.email.template.EmailTemplate;
import dev.conference.support.text.EmailAddress;
import dev.conference.support.text.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.URL;

/**
 * {@code POST /emails}: send one email, at most once per {@code idempotencyKey}.
 * Lengths and text rules follow what c4p-service accepts (title and name ≤ 200, the shared address rule).
 */
public record SendEmailRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9:._-]*",
                message = "may contain only letters, digits and : . _ -") String idempotencyKey,
        @NotNull EmailTemplate template,
        @NotBlank @EmailAddress String to,
        // The name is the recipient's display name and the title is in the subject: both are mail headers.
        @NotBlank @Size(max = 200) @PlainText(visible = true, mailHeader = true) String speakerName,
        @NotBlank @Size(max = 200) @PlainText(visible = true, mailHeader = true) String proposalTitle,
        @Size(max = 2000) @URL(regexp = "(?i)https?://\\S+", message = "must be an http or https URL")
        String trackingUrl) {

    EmailContent content() {
        return new EmailContent(speakerName, proposalTitle, trackingUrl);
    }
}
