package dev.conference.c4p.decision;

import dev.conference.c4p.agenda.AgendaEntry;
import dev.conference.c4p.history.HistoryType;
import dev.conference.c4p.history.ProposalHistory;
import dev.conference.c4p.notification.EmailMessage;
import dev.conference.c4p.outbox.Outbox;
import dev.conference.c4p.outbox.OutboxKind;
import dev.conference.c4p.proposal.Proposal;
import dev.conference.c4p.proposal.ProposalNotFoundException;
import dev.conference.c4p.proposal.ProposalRepository;
import dev.conference.c4p.proposal.ProposalService;
import dev.conference.c4p.proposal.ProposalStatus;
import dev.conference.c4p.proposal.ProposalView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides proposals. The decision, its side effects (agenda entry when approved, the decision
 * email always) and its history entry commit together or not at all; the relay delivers them afterwards.
 */
@Service
public class DecisionService {

    private final ProposalRepository proposals;
    private final ProposalService proposalViews;
    private final Outbox outbox;
    private final ProposalHistory history;
    private final Clock clock;
    private final MeterRegistry meters;

    DecisionService(ProposalRepository proposals, ProposalService proposalViews, Outbox outbox,
                    ProposalHistory history, Clock clock, MeterRegistry meters) {
        this.proposals = proposals;
        this.proposalViews = proposalViews;
        this.outbox = outbox;
        this.history = history;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Takes the decision once. Repeating the same decision changes nothing and records no new side
     * effect; the proposal row stays locked meanwhile, so concurrent repeats take turns.
     */
    @Transactional
    public ProposalView decide(UUID proposalId, ProposalStatus decision, String organizer) {
        return proposalViews.viewOf(take(proposalId, decision, organizer));
    }

    /** {@link #decide} without the view: a bulk decision builds its views once, after every proposal's own transaction. */
    @Transactional
    public Proposal take(UUID proposalId, ProposalStatus decision, String organizer) {
        Proposal proposal = proposals.findForDecision(proposalId)
                .orElseThrow(() -> new ProposalNotFoundException(proposalId.toString()));
        if (proposal.decide(decision, organizer, clock.instant())) {
            recordSideEffects(proposal);
            history.record(proposal.getId(), HistoryType.DECIDED, organizer, decision.name(), proposal.getDecidedAt());
            Counter.builder("proposals.decided").tag("decision", decision.name())
                    .description("Proposals approved or rejected").register(meters).increment();
        }
        return proposal;
    }

    private void recordSideEffects(Proposal proposal) {
        if (proposal.getStatus() == ProposalStatus.APPROVED) {
            outbox.record(proposal.getId(), OutboxKind.AGENDA_ENTRY, OutboxKind.AGENDA_ENTRY.keyFor(proposal.getId()),
                    AgendaEntry.of(proposal));
        }
        String emailKey = OutboxKind.DECISION_EMAIL.keyFor(proposal.getId());
        EmailMessage.Template template = proposal.getStatus() == ProposalStatus.APPROVED
                ? EmailMessage.Template.PROPOSAL_APPROVED
                : EmailMessage.Template.PROPOSAL_REJECTED;
        outbox.record(proposal.getId(), OutboxKind.DECISION_EMAIL, emailKey,
                EmailMessage.of(emailKey, template, proposal, proposalViews.trackingUrl(proposal)));
    }
}
