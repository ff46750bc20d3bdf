package dev.conference.frontend.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.GatewayTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.WeightCalculatorWebFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.ApplicationContext;

/** Parts of Spring Cloud Gateway the routes do not use are left out: each looked at every proxied request. */
class GatewayPartsTest extends GatewayTest {

    @Autowired
    private List<HttpHeadersFilter> headersFilters;

    @Autowired
    private ApplicationContext context;

    /** They are added unless server.http2.enabled is false by name. */
    @Test
    void noGrpcHeaderFilterLooksAtTheProxiedRequests() {
        assertThat(headersFilters).isNotEmpty()
                .noneMatch(filter -> filter.getClass().getSimpleName().startsWith("GRPC"));
    }

    /** No route has a Weight predicate; without it, no web filter computes route weights on each request. */
    @Test
    void noFilterComputesRouteWeights() {
        assertThat(context.getBeanNamesForType(WeightCalculatorWebFilter.class)).isEmpty();
    }
}
