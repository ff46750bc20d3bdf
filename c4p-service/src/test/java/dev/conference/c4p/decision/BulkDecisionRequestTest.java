package dev.conference.c4p.decision;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class BulkDecisionRequestTest {

    private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
    private static final Validator validator = factory.getValidator();

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void oneToAHundredDistinctProposalsAreValid() {
        assertThat(validator.validate(new BulkDecisionRequest(ids(1), "APPROVED"))).isEmpty();
        assertThat(validator.validate(new BulkDecisionRequest(ids(100), "REJECTED"))).isEmpty();
        assertThat(new BulkDecisionRequest(ids(100), "REJECTED").hasDuplicates()).isFalse();
    }

    @Test
    void noProposalsAreInvalid() {
        assertThat(fields(new BulkDecisionRequest(List.of(), "APPROVED"))).containsExactly("proposalIds");
        assertThat(fields(new BulkDecisionRequest(null, "APPROVED"))).containsExactly("proposalIds");
    }

    @Test
    void moreThanAHundredProposalsAreInvalid() {
        assertThat(fields(new BulkDecisionRequest(ids(101), "APPROVED"))).containsExactly("proposalIds");
    }

    @Test
    void aMissingIdIsInvalid() {
        assertThat(fields(new BulkDecisionRequest(Arrays.asList(UUID.randomUUID(), null), "APPROVED")))
                .containsExactly("proposalIds[1].<list element>");
    }

    @Test
    void aProposalNamedTwiceIsADuplicate() {
        List<UUID> ids = new ArrayList<>(ids(3));
        ids.add(ids.getFirst());

        assertThat(new BulkDecisionRequest(ids, "APPROVED").hasDuplicates()).isTrue();
    }

    @Test
    void onlyApprovedAndRejectedAreDecisions() {
        for (String decision : Arrays.asList("PENDING", "WITHDRAWN", "approved", "", null)) {
            assertThat(fields(new BulkDecisionRequest(ids(1), decision))).as(decision).containsExactly("decision");
        }
    }

    private static List<UUID> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> UUID.randomUUID()).toList();
    }

    private static List<String> fields(BulkDecisionRequest request) {
        Set<ConstraintViolation<BulkDecisionRequest>> violations = validator.validate(request);
        return violations.stream().map(v -> v.getPropertyPath().toString()).distinct().toList();
    }
}
