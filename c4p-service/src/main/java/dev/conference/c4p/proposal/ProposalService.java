package dev.conference.c4p.proposal;

import dev.conference.c4p.agenda.AgendaRemoval;
import dev.conference.c4p.cfp.CfpWindow;
import dev.conference.c4p.config.C4pProperties;
import dev.conference.c4p.history.HistoryType;
import dev.conference.c4p.history.ProposalHistory;
import dev.conference.c4p.notification.EmailMessage;
import dev.conference.c4p.outbox.Delivery;
import dev.conference.c4p.outbox.Outbox;
import dev.conference.c4p.outbox.OutboxKind;
import dev.conference.c4p.outbox.OutboxStore;
import dev.conference.c4p.review.Review;
import dev.conference.c4p.review.ReviewRepository;
import dev.conference.c4p.review.ReviewView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/** Submitting proposals, their speakers' edits and withdrawals, and reading them back. */
@Service
public class ProposalService {

    private final ProposalRepository proposals;
    private final Outbox outbox;
    private final OutboxStore deliveries;
    private final ReviewRepository reviews;
    private final ProposalHistory history;
    private final CfpWindow cfp;
    private final C4pProperties properties;
    private final Clock clock;
    private final Counter submitted;
    private final Counter withdrawn;

    ProposalService(ProposalRepository proposals, Outbox outbox, OutboxStore deliveries, ReviewRepository reviews,
                    ProposalHistory history, CfpWindow cfp, C4pProperties properties, Clock clock,
                    MeterRegistry meters) {
        this.proposals = proposals;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.reviews = reviews;
        this.history = history;
        this.cfp = cfp;
        this.properties = properties;
        this.clock = clock;
        this.submitted = Counter.builder("proposals.submitted").description("Proposals submitted").register(meters);
        this.withdrawn = Counter.builder("proposals.withdrawn").description("Proposals withdrawn by their speakers")
                .register(meters);
    }

    /** Stores the proposal and, in the same transaction, the "received" email to its speaker and its history's start. */
    @Transactional
    public ProposalView submit(SubmitProposal submission) {
        cfp.requireOpen();
        Proposal proposal = proposals.save(new Proposal(submission.trimmed(), TrackingTokens.next(), clock.instant()));
        String key = OutboxKind.RECEIVED_EMAIL.keyFor(proposal.getId());
        outbox.record(proposal.getId(), OutboxKind.RECEIVED_EMAIL, key, EmailMessage.of(key,
                EmailMessage.Template.PROPOSAL_RECEIVED, proposal, trackingUrl(proposal)));
        history.record(proposal.getId(), HistoryType.SUBMITTED, proposal.getSpeakerName(), null,
                proposal.getSubmittedAt());
        submitted.increment();
        return ProposalView.submitted(proposal);
    }

    @Transactional(readOnly = true)
    public ProposalView find(UUID id) {
        return viewOf(proposals.findById(id).orElseThrow(() -> new ProposalNotFoundException(id.toString())));
    }

    /** Several proposals as organizers see them, without their history: one read of deliveries and of reviews for all. */
    @Transactional(readOnly = true)
    public List<ProposalView> viewsOf(List<Proposal> decided) {
        return backOfficeViews(decided);
    }

    /** The proposal as organizers see it, with the delivery state of its side effects, its reviews and history. */
    @Transactional(readOnly = true)
    public ProposalView viewOf(Proposal proposal) {
        return viewOf(proposal, reviewsOf(List.of(proposal.getId())).getOrDefault(proposal.getId(), List.of()));
    }

    /** As {@link #viewOf(Proposal)}, with the proposal's reviews (oldest first) that the caller has just read. */
    @Transactional(readOnly = true)
    public ProposalView viewOf(Proposal proposal, List<ReviewView> reviews) {
        UUID id = proposal.getId();
        return ProposalView.forBackOffice(proposal, deliveries.deliveriesOf(List.of(id)).getOrDefault(id, List.of()),
                reviews, history.of(id));
    }

    @Transactional(readOnly = true)
    public TrackedProposal track(String token) {
        return proposals.findByTrackingToken(token)
                .map(TrackedProposal::of)
                .orElseThrow(() -> new ProposalNotFoundException("with this tracking token"));
    }

    /** Replaces what the speaker wrote, while the proposal is pending. */
    @Transactional
    public TrackedProposal edit(String token, EditProposal edit) {
        Proposal proposal = lockedByToken(token);
        Instant now = clock.instant();
        proposal.edit(edit.content(), now);
        history.record(proposal.getId(), HistoryType.EDITED, proposal.getSpeakerName(), null, now);
        return TrackedProposal.of(proposal);
    }

    /**
     * Withdraws the proposal and, in the same transaction, records the confirmation email and (when it
     * was approved) the removal of its agenda item. A repeat changes nothing and records nothing.
     */
    @Transactional
    public TrackedProposal withdraw(String token) {
        Proposal proposal = lockedByToken(token);
        boolean wasApproved = proposal.getStatus() == ProposalStatus.APPROVED;
        if (proposal.withdraw(clock.instant())) {
            history.record(proposal.getId(), HistoryType.WITHDRAWN, proposal.getSpeakerName(), null,
                    proposal.getWithdrawnAt());
            if (wasApproved) {
                outbox.record(proposal.getId(), OutboxKind.AGENDA_REMOVAL, OutboxKind.AGENDA_REMOVAL.keyFor(proposal.getId()),
                        new AgendaRemoval(proposal.getId()));
            }
            String emailKey = OutboxKind.WITHDRAWAL_EMAIL.keyFor(proposal.getId());
            outbox.record(proposal.getId(), OutboxKind.WITHDRAWAL_EMAIL, emailKey, EmailMessage.of(emailKey,
                    EmailMessage.Template.PROPOSAL_WITHDRAWN, proposal, trackingUrl(proposal)));
            withdrawn.increment();
        }
        return TrackedProposal.of(proposal);
    }

    private Proposal lockedByToken(String token) {
        return proposals.findForChangeByTrackingToken(token)
                .orElseThrow(() -> new ProposalNotFoundException("with this tracking token"));
    }

    /** One page of the proposals found, in the order asked; the items without their history. */
    @Transactional(readOnly = true)
    public ProposalPage list(ProposalSearch search, ProposalOrder order, int page, int size) {
        Specification<Proposal> specification = search.toSpecification();
        if (search.hasText()) {
            proposals.planEachStatementForItsParameters();
        }
        List<Proposal> found = proposals.findPage(specification, order.sort(), page, size);
        long throughThisPage = (long) page * size + found.size();
        if (found.size() < size && (page == 0 || !found.isEmpty())) {
            // The last page: its own rows say how many there are.
            return ProposalPage.of(backOfficeViews(found), page, size, throughThisPage, true);
        }
        if (!search.hasText()) {
            return ProposalPage.of(backOfficeViews(found), page, size, proposals.count(specification), true);
        }
        // A common word matches most proposals, and counting them all means reading and matching every one;
        // the count stops past ProposalPage.COUNTED_TEXT_MATCHES, or past this page for a deeper one.
        int limit = (int) Math.max(ProposalPage.COUNTED_TEXT_MATCHES, throughThisPage);
        long counted = proposals.countUpTo(specification, limit + 1);
        return ProposalPage.of(backOfficeViews(found), page, size, Math.min(counted, limit), counted <= limit);
    }

    /** The link in the speaker's emails that shows the proposal's status. */
    public String trackingUrl(Proposal proposal) {
        return UriComponentsBuilder.fromUri(properties.publicUrl())
                .pathSegment("track", proposal.getTrackingToken())
                .toUriString();
    }

    /** The proposals with their deliveries and reviews (one query each for all of them), without their history. */
    private List<ProposalView> backOfficeViews(List<Proposal> page) {
        List<UUID> ids = page.stream().map(Proposal::getId).toList();
        Map<UUID, List<Delivery>> deliveriesByProposal = deliveries.deliveriesOf(ids);
        Map<UUID, List<ReviewView>> reviewsByProposal = reviewsOf(ids);
        return page.stream()
                .map(p -> ProposalView.forBackOffice(p, deliveriesByProposal.getOrDefault(p.getId(), List.of()),
                        reviewsByProposal.getOrDefault(p.getId(), List.of()), null))
                .toList();
    }

    /** The reviews of each of the proposals, oldest first. */
    @Transactional(readOnly = true)
    public Map<UUID, List<ReviewView>> reviewsOf(List<UUID> proposalIds) {
        if (proposalIds.isEmpty()) {
            return Map.of();
        }
        return reviews.findOfProposals(proposalIds).stream().collect(Collectors.groupingBy(Review::getProposalId,
                Collectors.mapping(Review::view, Collectors.toList())));
    }
}
