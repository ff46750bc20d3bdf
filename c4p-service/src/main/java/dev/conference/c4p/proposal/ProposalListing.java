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
}
