package io.radstream.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.util.ResourceUtils;

/**
 * Refuses to start a production (normal launch mode) service that has no token verification key,
 * or whose key is the development key committed in {@code config/dev-jwt/} — unless
 * {@code <prefix>.allow-dev-key=true} (e.g. {@code radstream.results.auth.allow-dev-key}) says so
 * explicitly (local launcher, end-to-end test).
 */
public class DevKeyGuard {

    /** SHA-256 of the base64 body of {@code config/dev-jwt/dev-public-key.pem}. */
    static final String DEV_PUBLIC_KEY_SHA256 = "18a0e0ba5e1cbf16c9ffb44ca65c296acf1b7f6662ad45172eb42dd1976fee07";

    void onStart(@Observes StartupEvent event, ServiceAuth auth,
                 @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> inlineKey,
                 @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location) {
        check(LaunchMode.current(), inlineKey, location, auth.config().allowDevKey(), auth.prefix() + ".allow-dev-key");
    }

    /** @param allowSetting the property that allows the development key, named in the refusal */
    public static void check(LaunchMode mode, Optional<String> inlineKey, Optional<String> location, boolean allowDevKey,
                             String allowSetting) {
        if (mode != LaunchMode.NORMAL) {
            return;
        }
        if (inlineKey.isEmpty() && location.isEmpty()) {
            throw new IllegalStateException("No token verification key: set mp.jwt.verify.publickey.location "
                    + "(env MP_JWT_VERIFY_PUBLICKEY_LOCATION) to your identity provider's public key or JWKS URL");
        }
        if (location.isPresent() && location.get().startsWith("http")) {
            return; // a JWKS endpoint of an identity provider, never the committed development key
        }
        String key = inlineKey.orElseGet(() -> read(location.get()));
        if (isDevelopmentKey(key) && !allowDevKey) {
            throw new IllegalStateException("The token verification key is the development key of config/dev-jwt, "
                    + "which anyone can sign with; it is refused outside dev and test. Configure your identity "
                    + "provider's key, or set " + allowSetting + "=true for a local demo only");
        }
    }

    static boolean isDevelopmentKey(String pemOrBase64) {
        String body = pemOrBase64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.US_ASCII));
            return DEV_PUBLIC_KEY_SHA256.equals(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String read(String location) {
        try {
            String key = ResourceUtils.readResource(location);
            if (key == null) {
                throw new IllegalStateException("Token verification key not found at " + location);
            }
            return key;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read the token verification key at " + location + ": " + e.getMessage(), e);
        }
    }
}
