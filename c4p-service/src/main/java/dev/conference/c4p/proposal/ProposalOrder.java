package dev.conference.c4p.proposal;

import org.springframework.data.domain.Sort;

/**
 * The orders of the organizers' listings, each read from an index (migrations V3, V7): newest first, or
 * highest average score first (unreviewed last) and newest first among equals. The id breaks ties.
 */
public enum ProposalOrder {
    NEWEST("newest", Sort.by(Sort.Order.desc("submittedAt"), Sort.Order.asc("id"))),
    SCORE("score", Sort.by(Sort.Order.desc("scoreRank"), Sort.Order.desc("submittedAt"), Sort.Order.asc("id")));

    /** The values the API accepts, as a pattern for validation. */
    public static final String PATTERN = "newest|score";

    private final String parameter;
    private final Sort sort;

    ProposalOrder(String parameter, Sort sort) {
        this.parameter = parameter;
        this.sort = sort;
    }

    public Sort sort() {
        return sort;
    }

    /** The order of the {@code sort} parameter; newest when absent. */
    public static ProposalOrder of(String parameter) {
        for (ProposalOrder order : values()) {
            if (order.parameter.equals(parameter)) {
                return order;
            }
        }
        if (parameter == null) {
            return NEWEST;
        }
        throw new IllegalArgumentException("Unknown sort: " + parameter);
    }
}
