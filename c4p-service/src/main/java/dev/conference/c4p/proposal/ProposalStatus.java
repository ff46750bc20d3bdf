package dev.conference.c4p.proposal;

public enum ProposalStatus {
    PENDING, APPROVED, REJECTED
}
