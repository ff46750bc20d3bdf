package dev.conference.c4p.history;

/** What can happen to a proposal, as its history shows it. */
public enum HistoryType {
    /** The speaker submitted it (by: the speaker's name). */
    SUBMITTED,
    /** The speaker changed it while pending (by: the speaker's name). */
    EDITED,
    /** A back-office user scored it (detail: "score 4"). */
    REVIEWED,
    /** An organizer approved or rejected it (detail: the decision). */
    DECIDED,
    /** The speaker withdrew it. */
    WITHDRAWN,
    /** The relay delivered one of its side effects (by: c4p-service, detail: the outbox kind). */
    DELIVERED,
    /** A receiver refused one of its side effects for good (detail: the kind and the receiver's answer). */
    FAILED,
    /**
     * A receiver answered that one of its side effects is no longer needed and did nothing, for example an agenda
     * entry of a proposal withdrawn meanwhile (detail: the kind and why).
     */
    SKIPPED
}
