package dev.conference.c4p.proposal;

import java.util.Locale;
import org.springframework.data.jpa.domain.Specification;

/** The organizers' filter: an optional status and an optional text found in title, abstract or speaker. */
record ProposalSearch(ProposalStatus status, String text) {

    Specification<Proposal> toSpecification() {
        Specification<Proposal> spec = Specification.unrestricted();
        if (status != null) {
            spec = spec.and((root, query, cb) -> cb.equal(root.get("status"), status));
        }
        if (text != null && !text.isBlank()) {
            String pattern = "%" + escapeLike(text.strip().toLowerCase(Locale.ROOT)) + "%";
            spec = spec.and((root, query, cb) -> cb.or(
                    cb.like(cb.lower(root.get("title")), pattern, '\\'),
                    cb.like(cb.lower(root.get("abstractText")), pattern, '\\'),
                    cb.like(cb.lower(root.get("speakerName")), pattern, '\\'),
                    cb.like(cb.lower(root.get("speakerEmail")), pattern, '\\')));
        }
        return spec;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
