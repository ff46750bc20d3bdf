package dev.conference.c4p.proposal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.query.QueryUtils;

class ProposalListingImpl implements ProposalListing {

    private final EntityManager entityManager;

    ProposalListingImpl(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public List<Proposal> findPage(Specification<Proposal> search, Sort order, int page, int size) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<Proposal> query = cb.createQuery(Proposal.class);
        Root<Proposal> proposal = query.from(Proposal.class);
        where(query, search, proposal, cb).select(proposal).orderBy(QueryUtils.toOrders(order, proposal, cb));
        return entityManager.createQuery(query).setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    /** Selects the ids of the first {@code limit} matches: PostgreSQL stops reading there, which count(*) never does. */
    @Override
    public long countUpTo(Specification<Proposal> search, int limit) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<UUID> query = cb.createQuery(UUID.class);
        Root<Proposal> proposal = query.from(Proposal.class);
        where(query, search, proposal, cb).select(proposal.get("id"));
        return entityManager.createQuery(query).setMaxResults(limit).getResultList().size();
    }

    @Override
    public void planEachStatementForItsParameters() {
        entityManager.createNativeQuery("select set_config('plan_cache_mode', 'force_custom_plan', true)").getSingleResult();
    }

    private static <T> CriteriaQuery<T> where(CriteriaQuery<T> query, Specification<Proposal> search, Root<Proposal> proposal,
                                              CriteriaBuilder cb) {
        Predicate predicate = search.toPredicate(proposal, query, cb);
        return predicate == null ? query : query.where(predicate);
    }
}
