package dev.conference.c4p.proposal;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

public interface ProposalRepository extends JpaRepository<Proposal, UUID>, JpaSpecificationExecutor<Proposal>, ProposalListing {

    Optional<Proposal> findByTrackingToken(String trackingToken);

    List<Proposal> findByStatus(ProposalStatus status);

    /** The proposal, locked until the transaction ends so that concurrent decisions take turns. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "5000"))
    @Query("select p from Proposal p where p.id = :id")
    Optional<Proposal> findForDecision(UUID id);

    /** The proposal of this tracking token, locked like {@link #findForDecision}: edits, withdrawals and decisions take turns. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "5000"))
    @Query("select p from Proposal p where p.trackingToken = :token")
    Optional<Proposal> findForChangeByTrackingToken(String token);
}
