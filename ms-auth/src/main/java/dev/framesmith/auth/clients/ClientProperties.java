package dev.framesmith.auth.clients;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The services allowed to use the client-credentials grant, {@code framesmith.auth.clients[n]}. Only
 * bcrypt hashes of their secrets are configured here; the secrets themselves live with the services.
 */
@ConfigurationProperties("framesmith.auth")
@Validated
public record ClientProperties(@DefaultValue List<@Valid Client> clients) {

    /** RFC 6749 scope-token characters. */
    static final String SCOPE_TOKEN = "[\\x21\\x23-\\x5B\\x5D-\\x7E]+";

    public ClientProperties {
        Set<String> ids = new HashSet<>();
        for (Client client : clients) {
            if (client.id() != null && !ids.add(client.id())) {
                throw new IllegalArgumentException("framesmith.auth.clients has two clients with id " + client.id());
            }
        }
    }

    /**
     * @param id         the {@code client_id}
     * @param secretHash bcrypt hash of the client's secret ({@code $2a$}, {@code $2b$} or {@code $2y$})
     * @param scopes     the scopes the client may ask for, e.g. {@code notifications:send}
     */
    public record Client(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+") String id,
            @NotBlank @Pattern(regexp = "\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}",
                    message = "must be a bcrypt hash") String secretHash,
            @DefaultValue List<@Pattern(regexp = SCOPE_TOKEN) String> scopes) {

        @Override
        public String toString() {
            return "Client[id=" + id + ", scopes=" + scopes + "]";
        }
    }
}
