package dev.conference.email.message;

import dev.conference.email.template.EmailContent;
import dev.conference.email.template.EmailTemplate;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.URL;

/**
 * {@code POST /emails}: send one email, at most once per {@code idempotencyKey}.
 * Lengths follow what c4p-service stores (title and name ≤ 200, email ≤ 320).
 */
public record SendEmailRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9:._-]*",
                message = "may contain only letters, digits and : . _ -") String idempotencyKey,
        @NotNull EmailTemplate template,
        // Bean Validation's @Email accepts quoted local parts with spaces; an address is one token here.
        @NotBlank @Size(max = 320) @Email(regexp = "\\S+@\\S+") String to,
        @NotBlank @Size(max = 200) String speakerName,
        @NotBlank @Size(max = 200) String proposalTitle,
        @Size(max = 2000) @URL(regexp = "(?i)https?://\\S+", message = "must be an http or https URL")
        String trackingUrl) {

    EmailContent content() {
        return new EmailContent(speakerName, proposalTitle, trackingUrl);
    }
}
