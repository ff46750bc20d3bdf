package dev.conference.c4p.review;

import dev.conference.c4p.proposal.ProposalView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Reviews by back-office users, organizers and reviewers alike; the gateway names the user in X-Organizer. */
@RestController
class ReviewController {

    private final ReviewService reviews;

    ReviewController(ReviewService reviews) {
        this.reviews = reviews;
    }

    @PutMapping(path = "/proposals/{id}/reviews/mine", consumes = MediaType.APPLICATION_JSON_VALUE)
    ProposalView review(@PathVariable UUID id,
                        @RequestHeader("X-Organizer") @NotBlank @Size(max = 200) String reviewer,
                        @Valid @RequestBody ReviewRequest request) {
        return reviews.review(id, reviewer.strip(), request);
    }
}
