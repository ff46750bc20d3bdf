package dev.conference.c4p.decision;

import dev.conference.c4p.proposal.ProposalView;
import io.opentelemetry.api.trace.Span;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Organizers' decisions. The gateway authenticates the organizer and passes their name in
 * {@value #ORGANIZER_HEADER}; this service is reachable only from inside the cluster.
 */
@RestController
class DecisionController {

    static final String ORGANIZER_HEADER = "X-Organizer";

    private final DecisionService decisions;

    DecisionController(DecisionService decisions) {
        this.decisions = decisions;
    }

    @PostMapping(path = "/proposals/{id}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    ProposalView decide(@PathVariable UUID id,
                        @RequestHeader(ORGANIZER_HEADER) @NotBlank @Size(max = 200) String organizer,
                        @Valid @RequestBody DecisionRequest request) {
        // The server span (the agent's, when it runs) says which proposal was decided how.
        Span.current().setAttribute("proposal.id", id.toString());
        Span.current().setAttribute("decision", request.decision());
        return decisions.decide(id, request.status(), organizer.strip());
    }
}
