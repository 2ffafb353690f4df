package io.radstream.ingest.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.radstream.ingest.IngestConfig;

/**
 * Turns a patient reference (MRN, Patient ID) into a keyed HMAC-SHA-256 pseudonym, so events and logs
 * never carry identifiers. The service refuses to start without a key outside dev and test.
 */
@Startup
@ApplicationScoped
public class Pseudonymizer {

    private final SecretKeySpec key;

    public Pseudonymizer(IngestConfig config) {
        String secret = config.pseudonymKey().filter(k -> !k.isBlank()).orElse(null);
        if (secret == null) {
            throw new IllegalStateException("radstream.ingest.pseudonym-key (env RADSTREAM_INGEST_PSEUDONYM_KEY) "
                    + "must be set in " + LaunchMode.current() + " mode: pseudonyms need a secret key");
        }
        if (LaunchMode.current() == LaunchMode.NORMAL && secret.length() < 16) {
            throw new IllegalStateException("radstream.ingest.pseudonym-key must have at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The pseudonym of a patient reference within a tenant; empty references map to a fixed "unknown" key. */
    public String pseudonym(String tenant, String patientReference) {
        String reference = patientReference == null ? "" : patientReference.trim();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((tenant + "\u0000" + reference).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }
}
