package dev.conference.c4p.decision;

import dev.conference.c4p.proposal.ProposalView;
import dev.conference.support.web.FieldError;
import dev.conference.support.web.ProblemHandler;
import io.opentelemetry.api.trace.Span;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Organizers' decisions, one or many at once. The gateway authenticates the back-office user and passes
 * their name in {@value #ORGANIZER_HEADER} and their role in {@value #ROLE_HEADER}; this service is reachable
 * only from inside the cluster, and still refuses a reviewer's decision (a missing role is an organizer's, as
 * from gateways older than the role).
 */
@RestController
class DecisionController {

    static final String ORGANIZER_HEADER = "X-Organizer";
    static final String ROLE_HEADER = "X-Back-Office-Role";

    private final DecisionService decisions;
    private final BulkDecisionService bulkDecisions;

    DecisionController(DecisionService decisions, BulkDecisionService bulkDecisions) {
        this.decisions = decisions;
        this.bulkDecisions = bulkDecisions;
    }

    @PostMapping(path = "/proposals/{id}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    ProposalView decide(@PathVariable UUID id,
                        @RequestHeader(ORGANIZER_HEADER) @NotBlank @Size(max = 200) String organizer,
                        @RequestHeader(name = ROLE_HEADER, required = false) String role,
                        @Valid @RequestBody DecisionRequest request) {
        requireOrganizer(role);
        // The server span (the agent's, when it runs) says which proposal was decided how.
        Span.current().setAttribute("proposal.id", id.toString());
        Span.current().setAttribute("decision", request.decision());
        return decisions.decide(id, request.status(), organizer.strip());
    }

    @PostMapping(path = "/decisions", consumes = MediaType.APPLICATION_JSON_VALUE)
    BulkDecisionResult decideAll(@RequestHeader(ORGANIZER_HEADER) @NotBlank @Size(max = 200) String organizer,
                                 @RequestHeader(name = ROLE_HEADER, required = false) String role,
                                 @Valid @RequestBody BulkDecisionRequest request) {
        requireOrganizer(role);
        if (request.hasDuplicates()) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, ProblemHandler.invalid(List.of(
                    new FieldError("proposalIds", "must name each proposal once"))), null);
        }
        Span.current().setAttribute("decision", request.decision());
        Span.current().setAttribute("proposal.count", request.proposalIds().size());
        return bulkDecisions.decide(request.proposalIds(), request.status(), organizer.strip());
    }

    /** Anything but an organizer's role (or none) is refused: reviewers may not decide. */
    private static void requireOrganizer(String role) {
        if (role != null && !"ORGANIZER".equals(role.strip())) {
            throw new OrganizersOnlyException();
        }
    }
}
