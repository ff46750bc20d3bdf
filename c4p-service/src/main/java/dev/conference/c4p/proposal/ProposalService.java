package dev.conference.c4p.proposal;

import dev.conference.c4p.agenda.AgendaRemoval;
import dev.conference.c4p.cfp.CfpWindow;
import dev.conference.c4p.config.C4pProperties;
import dev.conference.c4p.notification.EmailMessage;
import dev.conference.c4p.outbox.Delivery;
import dev.conference.c4p.outbox.Outbox;
import dev.conference.c4p.outbox.OutboxKind;
import dev.conference.c4p.outbox.OutboxStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/** Submitting proposals, their speakers' edits and withdrawals, and reading them back. */
@Service
public class ProposalService {

    private final ProposalRepository proposals;
    private final Outbox outbox;
    private final OutboxStore deliveries;
    private final CfpWindow cfp;
    private final C4pProperties properties;
    private final Clock clock;
    private final Counter submitted;
    private final Counter withdrawn;

    ProposalService(ProposalRepository proposals, Outbox outbox, OutboxStore deliveries, CfpWindow cfp,
                    C4pProperties properties, Clock clock, MeterRegistry meters) {
        this.proposals = proposals;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.cfp = cfp;
        this.properties = properties;
        this.clock = clock;
        this.submitted = Counter.builder("proposals.submitted").description("Proposals submitted").register(meters);
        this.withdrawn = Counter.builder("proposals.withdrawn").description("Proposals withdrawn by their speakers")
                .register(meters);
    }

    /** Stores the proposal and, in the same transaction, the "received" email to its speaker. */
    @Transactional
    public ProposalView submit(SubmitProposal submission) {
        cfp.requireOpen();
        Proposal proposal = proposals.save(new Proposal(submission.trimmed(), TrackingTokens.next(), clock.instant()));
        String key = "proposal:" + proposal.getId() + ":received-email";
        outbox.record(proposal.getId(), OutboxKind.RECEIVED_EMAIL, key, EmailMessage.of(key,
                EmailMessage.Template.PROPOSAL_RECEIVED, proposal, trackingUrl(proposal)));
        submitted.increment();
        return ProposalView.of(proposal, proposal.getTrackingToken(), null);
    }

    @Transactional(readOnly = true)
    public ProposalView find(UUID id) {
        return viewOf(proposals.findById(id).orElseThrow(() -> new ProposalNotFoundException(id.toString())));
    }

    /** The proposal as organizers see it, with the delivery state of its side effects. */
    @Transactional(readOnly = true)
    public ProposalView viewOf(Proposal proposal) {
        return withDeliveries(List.of(proposal)).getFirst();
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
        proposal.edit(edit.content(), clock.instant());
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
            String prefix = "proposal:" + proposal.getId();
            if (wasApproved) {
                outbox.record(proposal.getId(), OutboxKind.AGENDA_REMOVAL, prefix + ":agenda-removal",
                        new AgendaRemoval(proposal.getId()));
            }
            String emailKey = prefix + ":withdrawal-email";
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

    @Transactional(readOnly = true)
    public ProposalPage list(ProposalStatus status, String text, int page, int size) {
        Page<Proposal> found = proposals.findAll(new ProposalSearch(status, text).toSpecification(),
                PageRequest.of(page, size, Sort.by(Sort.Order.desc("submittedAt"), Sort.Order.asc("id"))));
        return new ProposalPage(withDeliveries(found.getContent()), page, size, found.getTotalElements(),
                found.getTotalPages());
    }

    /** The link in the speaker's emails that shows the proposal's status. */
    public String trackingUrl(Proposal proposal) {
        return UriComponentsBuilder.fromUri(properties.publicUrl())
                .pathSegment("track", proposal.getTrackingToken())
                .toUriString();
    }

    private List<ProposalView> withDeliveries(List<Proposal> page) {
        Map<UUID, List<Delivery>> byProposal = deliveries.deliveriesOf(page.stream().map(Proposal::getId).toList());
        return page.stream()
                .map(p -> ProposalView.of(p, null, byProposal.getOrDefault(p.getId(), List.of())))
                .toList();
    }
}
