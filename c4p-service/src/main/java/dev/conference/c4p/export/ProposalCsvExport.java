package dev.conference.c4p.export;

import dev.conference.c4p.proposal.Proposal;
import dev.conference.c4p.proposal.ProposalOrder;
import dev.conference.c4p.proposal.ProposalSearch;
import dev.conference.c4p.proposal.ProposalService;
import dev.conference.c4p.review.AverageScore;
import dev.conference.c4p.review.ReviewView;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.query.QueryUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes every proposal a search finds, in the listing's order, as CSV. The proposals are read through a
 * database cursor {@value #BATCH} rows at a time, with the reviews of each batch in one query, and the
 * session is cleared after each batch: the export's memory does not grow with the table.
 */
@Service
class ProposalCsvExport {

    static final List<String> HEADER = List.of("id", "title", "speakerName", "speakerEmail", "format", "level",
            "status", "submittedAt", "decidedAt", "decidedBy", "averageScore", "reviewCount", "scores");
    static final int BATCH = 500;

    private final EntityManager entities;
    private final ProposalService proposals;

    ProposalCsvExport(EntityManager entities, ProposalService proposals) {
        this.entities = entities;
        this.proposals = proposals;
    }

    /** One snapshot of the proposals (repeatable read), so that the reviews of later batches match the rows. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public void write(ProposalSearch search, ProposalOrder order, Writer out) {
        CriteriaBuilder cb = entities.getCriteriaBuilder();
        CriteriaQuery<Proposal> query = cb.createQuery(Proposal.class);
        Root<Proposal> root = query.from(Proposal.class);
        query.where(search.toSpecification().toPredicate(root, query, cb));
        query.orderBy(QueryUtils.toOrders(order.sort(), root, cb));
        write(out, Csv.row(HEADER));
        try (Stream<Proposal> rows = entities.createQuery(query)
                .setHint(HibernateHints.HINT_FETCH_SIZE, BATCH)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultStream()) {
            List<Proposal> batch = new ArrayList<>(BATCH);
            rows.forEach(proposal -> {
                batch.add(proposal);
                if (batch.size() == BATCH) {
                    writeBatch(batch, out);
                }
            });
            writeBatch(batch, out);
        }
    }

    private void writeBatch(List<Proposal> batch, Writer out) {
        if (batch.isEmpty()) {
            return;
        }
        Map<UUID, List<ReviewView>> reviews = proposals.reviewsOf(batch.stream().map(Proposal::getId).toList());
        StringBuilder lines = new StringBuilder();
        for (Proposal p : batch) {
            lines.append(Csv.row(row(p, reviews.getOrDefault(p.getId(), List.of()))));
        }
        write(out, lines.toString());
        batch.clear();
        entities.clear();
    }

    static List<String> row(Proposal p, List<ReviewView> reviews) {
        BigDecimal average = AverageScore.of(p.getScoreTotal(), p.getReviewCount());
        return Arrays.asList(p.getId().toString(), p.getTitle(), p.getSpeakerName(), p.getSpeakerEmail(),
                Objects.toString(p.getFormat(), null), Objects.toString(p.getLevel(), null), p.getStatus().name(),
                Objects.toString(p.getSubmittedAt(), null), Objects.toString(p.getDecidedAt(), null), p.getDecidedBy(),
                average == null ? null : average.toPlainString(), Integer.toString(p.getReviewCount()),
                reviews.stream().map(r -> r.reviewer() + ":" + r.score()).collect(Collectors.joining("; ")));
    }

    private static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
