package io.radstream.results.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies: {@code X-RadStream-Signature: sha256=<hex HMAC-SHA-256 of "<timestamp>.<body>">}
 * with {@code X-RadStream-Timestamp} (epoch seconds), so a receiver can check origin, integrity and age.
 */
public final class WebhookSigner {

    public static final String SIGNATURE_HEADER = "X-RadStream-Signature";
    public static final String TIMESTAMP_HEADER = "X-RadStream-Timestamp";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public WebhookSigner(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The value of {@link #SIGNATURE_HEADER} for a body sent at {@code epochSeconds}. */
    public String signature(long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }
}
