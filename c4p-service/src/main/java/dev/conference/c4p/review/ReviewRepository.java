package dev.conference.c4p.review;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ReviewRepository extends JpaRepository<Review, Review.Key> {

    /** The reviews of these proposals, each proposal's oldest first. */
    @Query("select r from Review r where r.proposalId in :proposalIds order by r.reviewedAt, r.reviewer")
    List<Review> findOfProposals(Collection<UUID> proposalIds);
}
