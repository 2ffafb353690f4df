package io.radstream.localstack;

import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Bearer tokens signed with the committed development key (config/dev-jwt), as the test profile verifies them. */
public final class TestTokens {

    public static final String ISSUER = "radstream-dev";

    private TestTokens() {
    }

    /** A valid token of {@code user@tenant} with one role. */
    public static String token(String role, String tenant) {
        return claims(role, tenant).sign(devKey());
    }

    /** A valid token of {@code principal} (its upn) with one role. */
    public static String token(String role, String tenant, String principal) {
        return claims(role, tenant).upn(principal).sign(devKey());
    }

    /** A token builder with the usual claims, for tests that change one of them. */
    public static JwtClaimsBuilder claims(String role, String tenant) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).upn("tester@" + tenant).groups(Set.of(role))
                .expiresIn(Duration.ofHours(1));
        return tenant == null ? claims : claims.claim("tenant", tenant);
    }

    public static String devKey() {
        return SampleFiles.repositoryRoot().resolve("config/dev-jwt/dev-private-key.pem").toString();
    }

    /** The Authorization header value for a token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
