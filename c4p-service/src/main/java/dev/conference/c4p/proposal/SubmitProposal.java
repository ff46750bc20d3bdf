package dev.conference.c4p.proposal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conference.support.text.PlainText;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a speaker sends to submit a talk. */
public record SubmitProposal(
        @NotBlank @Size(max = 200) @PlainText(visible = true) String title,
        @JsonProperty("abstract") @NotBlank @Size(max = 5000) @PlainText(multiline = true, visible = true) String abstractText,
        @NotBlank @Size(max = 200) @PlainText(visible = true) String speakerName,
        @NotBlank @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+") @Size(max = 320) String speakerEmail) {

    /** The same submission with surrounding white space removed from every field. */
    public SubmitProposal trimmed() {
        return new SubmitProposal(title.strip(), abstractText.strip(), speakerName.strip(), speakerEmail.strip());
    }
}
