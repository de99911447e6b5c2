package dev.framesmith.auth.clients;

import dev.framesmith.auth.user.PasswordHasher;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The configured service clients, and the check of their secrets. */
@Component
class ServiceClients {

    private final Map<String, ClientProperties.Client> clients;
    private final PasswordHasher hasher;

    ServiceClients(ClientProperties properties, PasswordHasher hasher) {
        this.clients = properties.clients().stream()
                .collect(Collectors.toUnmodifiableMap(ClientProperties.Client::id, Function.identity()));
        this.hasher = hasher;
    }

    /** The client if the secret is right; an unknown client costs the same bcrypt work as a wrong secret. */
    Optional<ServiceClient> authenticate(String clientId, String secret) {
        ClientProperties.Client client = clients.get(clientId);
        boolean matches = hasher.matches(secret, client == null ? null : client.secretHash());
        if (client == null || !matches) {
            return Optional.empty();
        }
        return Optional.of(new ServiceClient(client.id(), new LinkedHashSet<>(client.scopes())));
    }

    record ServiceClient(String id, Set<String> scopes) {
    }
}
