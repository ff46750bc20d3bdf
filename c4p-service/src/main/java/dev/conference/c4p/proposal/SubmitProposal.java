package dev.conference.c4p.proposal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conference.support.text.EmailAddress;
import dev.conference.support.text.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What a speaker sends to submit a talk. The title and the name end up in mail headers (the subject, the
 * recipient's display name) of the speaker's emails.
 */
public record SubmitProposal(
        @NotBlank @Size(max = 200) @PlainText(visible = true, mailHeader = true) String title,
        @JsonProperty("abstract") @NotBlank @Size(max = 5000) @PlainText(multiline = true, visible = true) String abstractText,
        @NotBlank @Size(max = 200) @PlainText(visible = true, mailHeader = true) String speakerName,
        @NotBlank @EmailAddress String speakerEmail) {

    /** The same submission with surrounding white space removed from every field. */
    public SubmitProposal trimmed() {
        return new SubmitProposal(title.strip(), abstractText.strip(), speakerName.strip(), speakerEmail.strip());
    }
}
