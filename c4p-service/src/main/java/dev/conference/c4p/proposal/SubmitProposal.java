package dev.conference.c4p.proposal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conference.support.text.EmailAddress;
import dev.conference.support.text.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What a speaker sends to submit a talk. The title and the name end up in mail headers (the subject, the
 * recipient's display name) of the speaker's emails. {@code format} defaults to TALK; {@code level} and
 * {@code speakerBio} are optional.
 */
public record SubmitProposal(
        @NotBlank @Size(max = 200) @PlainText(visible = true, mailHeader = true) String title,
        @JsonProperty("abstract") @NotBlank @Size(max = 5000) @PlainText(multiline = true, visible = true) String abstractText,
        @NotBlank @Size(max = 200) @PlainText(visible = true, mailHeader = true) String speakerName,
        @NotBlank @EmailAddress String speakerEmail,
        ProposalFormat format,
        ProposalLevel level,
        @Size(max = ProposalContent.MAX_BIO) @PlainText(multiline = true) String speakerBio) {

    /** A talk of no stated level, without a bio. */
    public SubmitProposal(String title, String abstractText, String speakerName, String speakerEmail) {
        this(title, abstractText, speakerName, speakerEmail, null, null, null);
    }

    /** The same submission with surrounding white space removed from every field and the defaults filled in. */
    public SubmitProposal trimmed() {
        ProposalContent content = content();
        return new SubmitProposal(content.title(), content.abstractText(), speakerName.strip(), speakerEmail.strip(),
                content.format(), content.level(), content.speakerBio());
    }

    /** What the speaker may edit later, normalized. */
    ProposalContent content() {
        return ProposalContent.of(title, abstractText, format, level, speakerBio);
    }
}
