package dev.conference.c4p.proposal;

/** What kind of session a proposal is for: a talk takes one time slot, a workshop two consecutive ones. */
public enum ProposalFormat {
    TALK, WORKSHOP
}
