package dev.conference.frontend.web;

import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.web.server.ServerWebExchange;

/** Who a request comes from, as a rate limit counts clients: the address the resolver finds. */
public final class ClientKey {

    private ClientKey() {
    }

    public static String of(RemoteAddressResolver clients, ServerWebExchange exchange) {
        InetSocketAddress address = clients.resolve(exchange);
        if (address == null) {
            return "unknown";
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }
}
