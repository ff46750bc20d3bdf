package dev.conference.email.template;

/**
 * The emails the platform sends. Each has a subject and one sentence that differ; the rest of the
 * message is the same for all (see {@link EmailRenderer}). Both take the proposal title and, for the
 * sentence, the conference name as {@code %s} arguments.
 */
public enum EmailTemplate {

    PROPOSAL_RECEIVED("We received your proposal: %s",
            "Thank you for proposing \"%s\" for %s. The organizers will review it and email you their decision."),
    PROPOSAL_APPROVED("Your proposal was accepted: %s",
            "Good news: \"%s\" has been accepted for %s and is now on the agenda. We look forward to your talk."),
    PROPOSAL_REJECTED("About your proposal: %s",
            "Thank you for proposing \"%s\" for %s. We received many strong proposals and, unfortunately,"
                    + " could not make room for yours this time."),
    PROPOSAL_WITHDRAWN("Your proposal was withdrawn: %s",
            "As you asked, \"%s\" has been withdrawn from %s. It will not be reviewed or scheduled any more;"
                    + " thank you for your interest.");

    private final String subject;
    private final String sentence;

    EmailTemplate(String subject, String sentence) {
        this.subject = subject;
        this.sentence = sentence;
    }

    String subject(String title) {
        return subject.formatted(title);
    }

    String sentence(String title, String conferenceName) {
        return sentence.formatted(title, conferenceName);
    }
}
