package dev.conference.c4p.proposal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conference.support.text.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What a speaker sends to change a pending proposal, with the same rules as a submission. The speaker's
 * name and address are not part of it: they identify who is emailed.
 */
public record EditProposal(
        @NotBlank @Size(max = 200) @PlainText(visible = true, mailHeader = true) String title,
        @JsonProperty("abstract") @NotBlank @Size(max = 5000) @PlainText(multiline = true, visible = true) String abstractText,
        ProposalFormat format,
        ProposalLevel level,
        @Size(max = ProposalContent.MAX_BIO) @PlainText(multiline = true) String speakerBio) {

    /** The edit normalized as a submission is: stripped, TALK by default, a blank bio as none. */
    ProposalContent content() {
        return ProposalContent.of(title, abstractText, format, level, speakerBio);
    }
}
