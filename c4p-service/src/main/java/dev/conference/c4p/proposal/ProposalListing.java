package dev.conference.c4p.proposal;

import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;

/** Listing queries that {@link org.springframework.data.jpa.repository.JpaSpecificationExecutor} has no form of. */
public interface ProposalListing {

    /** One page of the matching proposals in this order, without counting them all. */
    List<Proposal> findPage(Specification<Proposal> search, Sort order, int page, int size);

    /** How many proposals match, reading no further than {@code limit} of them. */
    long countUpTo(Specification<Proposal> search, int limit);

    /**
     * Until the transaction ends, PostgreSQL plans each statement for its parameters' values. After five runs of a
     * prepared statement it may switch to a generic plan, made without the values, and keep it while its estimate
     * looks no worse; for a text search the best plan depends on the text (the trigram indexes for a rare one, the
     * table or the ordered index for a common one), and a generic plan of the capped count read all 20,000
     * proposals (80-130 ms) for a text in 40 of them. Planning each costs about a millisecond.
     */
    void planEachStatementForItsParameters();
}
