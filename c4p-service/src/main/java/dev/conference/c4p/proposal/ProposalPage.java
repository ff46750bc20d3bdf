package dev.conference.c4p.proposal;

import java.util.List;

/** One page of a listing. */
public record ProposalPage(List<ProposalView> items, int page, int size, long totalItems, int totalPages) {
}
