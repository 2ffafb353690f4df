package io.radstream.auth;

import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated caller of the current request: who (the token's principal) and for which tenant
 * (a claim of the token). The tenant prefixes object keys, is stamped on events and scopes every
 * answer, so it is held to a strict grammar: a token with a missing or odd tenant is refused (403).
 */
@RequestScoped
public class Caller {

    /** Lower-case letters, digits, '-' and '_', 1 to 63 characters: safe as an S3 key segment. */
    public static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private final JsonWebToken token;
    private final ServiceAuth auth;

    public Caller(JsonWebToken token, ServiceAuth auth) {
        this.token = token;
        this.auth = auth;
    }

    /** The caller's tenant. @throws TenantRefusedException when the token names none or one outside the grammar */
    public String tenant() {
        String tenant = tenantOrNull();
        if (tenant == null) {
            throw new TenantRefusedException("The token carries no valid '" + auth.config().tenantClaim()
                    + "' claim (lower-case letters, digits, '-' or '_')");
        }
        return tenant;
    }

    /** The caller's principal name (upn, preferred_username or sub), or null for an anonymous request. */
    public String name() {
        return token == null || token.getRawToken() == null ? null : token.getName();
    }

    public Set<String> roles() {
        return name() == null || token.getGroups() == null ? Set.of() : token.getGroups();
    }

    /** The caller's valid tenant claim, or null. */
    public String tenantOrNull() {
        if (token == null || token.getRawToken() == null) {
            return null;
        }
        Object value = token.getClaim(auth.config().tenantClaim());
        String tenant = value instanceof JsonString json ? json.getString() : value instanceof String text ? text : null;
        return tenant != null && TENANT.matcher(tenant).matches() ? tenant : null;
    }
}
