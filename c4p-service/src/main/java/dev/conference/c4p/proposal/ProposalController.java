package dev.conference.c4p.proposal;

import dev.conference.support.text.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/proposals")
class ProposalController {

    private final ProposalService proposals;

    ProposalController(ProposalService proposals) {
        this.proposals = proposals;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ProposalView> submit(@Valid @RequestBody SubmitProposal submission) {
        ProposalView created = proposals.submit(submission);
        return ResponseEntity.created(URI.create("/proposals/" + created.id())).body(created);
    }

    /**
     * The organizers' listing. {@code reviewed} ({@code mine} or {@code notMine}) is relative to the back-office
     * user the gateway names in X-Organizer; {@code sort} is {@code newest} (the default) or {@code score}.
     */
    @GetMapping
    ProposalPage list(@RequestParam(required = false) ProposalStatus status,
                      @RequestParam(name = "q", required = false) @Size(max = 200) @PlainText String text,
                      @RequestParam(required = false) @Pattern(regexp = ReviewedFilter.PATTERN) String reviewed,
                      @RequestParam(required = false) @Pattern(regexp = ProposalOrder.PATTERN) String sort,
                      @RequestHeader(name = "X-Organizer", required = false) @Size(max = 200) String caller,
                      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return proposals.list(ProposalSearch.of(status, text, reviewed, caller), ProposalOrder.of(sort),
                page, size);
    }

    @GetMapping("/{id}")
    ProposalView find(@PathVariable UUID id) {
        return proposals.find(id);
    }

    @GetMapping("/track/{token}")
    TrackedProposal track(@PathVariable @Size(max = 64) String token) {
        return proposals.track(token);
    }

    @PutMapping(path = "/track/{token}", consumes = MediaType.APPLICATION_JSON_VALUE)
    TrackedProposal edit(@PathVariable @Size(max = 64) String token, @Valid @RequestBody EditProposal edit) {
        return proposals.edit(token, edit);
    }

    @PostMapping("/track/{token}/withdrawal")
    TrackedProposal withdraw(@PathVariable @Size(max = 64) String token) {
        return proposals.withdraw(token);
    }
}
