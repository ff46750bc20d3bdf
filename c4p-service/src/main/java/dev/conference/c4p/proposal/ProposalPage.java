package dev.conference.c4p.proposal;

import java.util.List;

/**
 * One page of a listing. {@code totalItems} is exact unless {@code totalItemsExact} is false: a text search
 * counts its matches up to {@link #COUNTED_TEXT_MATCHES}, or up to the end of the page asked for if that is
 * further, and then there are more than {@code totalItems}.
 */
public record ProposalPage(List<ProposalView> items, int page, int size, long totalItems, boolean totalItemsExact,
                           int totalPages) {

    public static final int COUNTED_TEXT_MATCHES = 500;

    static ProposalPage of(List<ProposalView> items, int page, int size, long totalItems, boolean exact) {
        return new ProposalPage(items, page, size, totalItems, exact, (int) ((totalItems + size - 1) / size));
    }
}
