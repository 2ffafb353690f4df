package io.radstream.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Signs bearer tokens with the committed development key ({@code config/dev-jwt/dev-private-key.pem}),
 * which RadStream accepts only in dev/test or where {@code radstream.<service>.auth.allow-dev-key=true}.
 * Claims: issuer {@value #ISSUER}, {@code upn}/{@code sub} the subject, {@code groups} the role, {@code tenant}.
 */
public final class DevTokens {

    public static final String ISSUER = "radstream-dev";

    private DevTokens() {
    }

    /**
     * What a packaged (production-mode) ingest or results service needs to verify development tokens:
     * the public key, and the explicit allowance its {@code DevKeyGuard} asks for.
     */
    public static java.util.Map<String, String> serviceConfig(Path repositoryRoot) {
        return java.util.Map.of(
                "mp.jwt.verify.publickey.location", repositoryRoot.resolve("config/dev-jwt/dev-public-key.pem").toString(),
                "radstream.ingest.auth.allow-dev-key", "true",
                "radstream.results.auth.allow-dev-key", "true");
    }

    /** The key file of a repository checkout. */
    public static Path keyOf(Path repositoryRoot) {
        return repositoryRoot.resolve("config/dev-jwt/dev-private-key.pem");
    }

    public static String mint(Path privateKeyPem, String subject, String role, String tenant, Duration validity)
            throws IOException {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", role);
        claims.setClaim("tenant", tenant);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(validity.toMinutes());
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(readPrivateKey(privateKeyPem));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IOException("Cannot sign the token: " + e.getMessage(), e);
        }
    }

    static PrivateKey readPrivateKey(Path pem) throws IOException {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(pem + " is not a PKCS#8 RSA private key in PEM: " + e.getMessage(), e);
        }
    }
}
