package dev.conference.c4p.agenda;

import java.util.UUID;

/** The outbox payload of an agenda removal: which proposal's item goes (the call itself has no body). */
public record AgendaRemoval(UUID proposalId) {
}
