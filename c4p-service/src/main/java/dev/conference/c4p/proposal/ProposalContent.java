package dev.conference.c4p.proposal;

/** The part of a proposal its speaker writes and may edit while it is pending, normalized. */
record ProposalContent(String title, String abstractText, ProposalFormat format, ProposalLevel level,
                       String speakerBio) {

    static final int MAX_BIO = 1000;

    /** Strips every text, makes a missing format TALK and a blank bio none. */
    static ProposalContent of(String title, String abstractText, ProposalFormat format, ProposalLevel level,
                              String speakerBio) {
        String bio = speakerBio == null || speakerBio.isBlank() ? null : speakerBio.strip();
        return new ProposalContent(title.strip(), abstractText.strip(), format == null ? ProposalFormat.TALK : format,
                level, bio);
    }
}
