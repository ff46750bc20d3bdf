package dev.conference.c4p.proposal;

/** The audience a proposal is meant for, when the speaker states it. */
public enum ProposalLevel {
    BEGINNER, INTERMEDIATE, ADVANCED
}
