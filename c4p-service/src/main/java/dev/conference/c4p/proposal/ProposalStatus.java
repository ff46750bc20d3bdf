package dev.conference.c4p.proposal;

/** PENDING until an organizer decides (APPROVED, REJECTED) or the speaker withdraws it (WITHDRAWN). */
public enum ProposalStatus {
    PENDING, APPROVED, REJECTED, WITHDRAWN
}
