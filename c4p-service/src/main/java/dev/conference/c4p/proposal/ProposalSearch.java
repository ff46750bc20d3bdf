package dev.conference.c4p.proposal;

import dev.conference.c4p.review.Review;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.util.Locale;
import org.springframework.data.jpa.domain.Specification;

/**
 * The organizers' filter: an optional status, an optional text found in title, abstract or speaker, and
 * optionally only the proposals {@code reviewer} reviewed ({@link ReviewedFilter#MINE}) or did not.
 */
public record ProposalSearch(ProposalStatus status, String text, ReviewedFilter reviewed, String reviewer) {

    public ProposalSearch {
        if (reviewed != null && (reviewer == null || reviewer.isBlank())) {
            throw new IllegalArgumentException("The reviewed filter needs the reviewer");
        }
    }

    public ProposalSearch(ProposalStatus status, String text) {
        this(status, text, null, null);
    }

    /**
     * The search of a listing's parameters, as the API takes them; {@code reviewed} ({@code mine},
     * {@code notMine}) is relative to the caller, the back-office user, without whom it is a bad request.
     */
    public static ProposalSearch of(ProposalStatus status, String text, String reviewed, String caller) {
        ReviewedFilter filter = ReviewedFilter.of(reviewed);
        if (filter != null && (caller == null || caller.isBlank())) {
            throw new InvalidListingException("reviewed", "needs the back-office user (X-Organizer)");
        }
        return new ProposalSearch(status, text, filter, filter == null ? null : caller.strip());
    }

    public boolean hasText() {
        return text != null && !text.isBlank();
    }

    public Specification<Proposal> toSpecification() {
        Specification<Proposal> spec = Specification.unrestricted();
        if (status != null) {
            spec = spec.and((root, query, cb) -> cb.equal(root.get("status"), status));
        }
        if (hasText()) {
            String pattern = "%" + escapeLike(text.strip().toLowerCase(Locale.ROOT)) + "%";
            spec = spec.and((root, query, cb) -> cb.or(
                    cb.like(cb.lower(root.get("title")), pattern, '\\'),
                    cb.like(cb.lower(root.get("abstractText")), pattern, '\\'),
                    cb.like(cb.lower(root.get("speakerName")), pattern, '\\'),
                    cb.like(cb.lower(root.get("speakerEmail")), pattern, '\\')));
        }
        if (reviewed != null) {
            // An EXISTS on the review table's primary key (proposal, reviewer): no review is loaded.
            spec = spec.and((root, query, cb) -> {
                Subquery<Integer> mine = query.subquery(Integer.class);
                Root<Review> review = mine.from(Review.class);
                mine.select(cb.literal(1)).where(cb.equal(review.get("proposalId"), root.get("id")),
                        cb.equal(review.get("reviewer"), reviewer));
                return reviewed == ReviewedFilter.MINE ? cb.exists(mine) : cb.not(cb.exists(mine));
            });
        }
        return spec;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
