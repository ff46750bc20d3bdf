package dev.conference.c4p.consistency;

import dev.conference.c4p.agenda.AgendaClient;
import dev.conference.c4p.agenda.AgendaEntry;
import dev.conference.c4p.agenda.AgendaItemRef;
import dev.conference.c4p.agenda.AgendaRemoval;
import dev.conference.c4p.outbox.Outbox;
import dev.conference.c4p.outbox.OutboxKind;
import dev.conference.c4p.proposal.Proposal;
import dev.conference.c4p.proposal.ProposalRepository;
import dev.conference.c4p.proposal.ProposalStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compares approved proposals with the agenda. An approved talk missing from the agenda whose agenda
 * entry is not still pending gets its entry queued again through the outbox (the same idempotent
 * delivery as the first time). Agenda items without an approved proposal are reported; those whose
 * proposal its speaker withdrew get the proposal's agenda removal queued again the same way (a
 * withdrawn proposal's entry is never queued again: it is not approved).
 */
@Service
public class ConsistencyCheck {

    private static final Logger log = LoggerFactory.getLogger(ConsistencyCheck.class);

    private final ProposalRepository proposals;
    private final AgendaClient agenda;
    private final Outbox outbox;

    ConsistencyCheck(ProposalRepository proposals, AgendaClient agenda, Outbox outbox) {
        this.proposals = proposals;
        this.agenda = agenda;
        this.outbox = outbox;
    }

    @Transactional
    public ConsistencyReport run() {
        List<AgendaItemRef> items = agenda.items();
        Map<UUID, Proposal> approved = proposals.findByStatus(ProposalStatus.APPROVED).stream()
                .collect(Collectors.toMap(Proposal::getId, Function.identity()));
        Set<UUID> scheduled = items.stream().map(AgendaItemRef::proposalId).collect(Collectors.toSet());

        List<UUID> missing = approved.keySet().stream().filter(id -> !scheduled.contains(id)).sorted().toList();
        List<UUID> repaired = new ArrayList<>();
        for (UUID id : missing) {
            if (outbox.requeue(id, OutboxKind.AGENDA_ENTRY, OutboxKind.AGENDA_ENTRY.keyFor(id),
                    AgendaEntry.of(approved.get(id)))) {
                repaired.add(id);
            }
        }
        List<AgendaItemRef> orphanItems = items.stream()
                .filter(item -> !approved.containsKey(item.proposalId()))
                .toList();
        List<UUID> orphans = orphanItems.stream().map(AgendaItemRef::id).sorted().toList();
        List<UUID> removing = queueRemovalsOfWithdrawn(orphanItems);
        ConsistencyReport report = new ConsistencyReport(approved.size(), items.size(), missing, repaired, orphans,
                removing);
        if (!missing.isEmpty() || !orphans.isEmpty()) {
            log.warn("Agenda drift: {}", report);
        } else {
            log.info("Agenda consistent: {} approved proposals, {} agenda items", approved.size(), items.size());
        }
        return report;
    }

    /** Queues the agenda removal of each orphan whose proposal was withdrawn; returns those items, unless on its way. */
    private List<UUID> queueRemovalsOfWithdrawn(List<AgendaItemRef> orphans) {
        Set<UUID> withdrawn = proposals.findAllById(orphans.stream().map(AgendaItemRef::proposalId)
                        .filter(Objects::nonNull).collect(Collectors.toSet())).stream()
                .filter(proposal -> proposal.getStatus() == ProposalStatus.WITHDRAWN)
                .map(Proposal::getId)
                .collect(Collectors.toSet());
        List<UUID> queued = new ArrayList<>();
        for (AgendaItemRef item : orphans) {
            UUID proposalId = item.proposalId();
            if (withdrawn.contains(proposalId) && outbox.requeue(proposalId, OutboxKind.AGENDA_REMOVAL,
                    OutboxKind.AGENDA_REMOVAL.keyFor(proposalId), new AgendaRemoval(proposalId))) {
                queued.add(item.id());
            }
        }
        return queued.stream().sorted().toList();
    }
}
