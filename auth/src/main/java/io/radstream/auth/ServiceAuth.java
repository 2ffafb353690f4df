package io.radstream.auth;

/**
 * A service's {@link AuthConfig} and where it is configured ({@code radstream.ingest.auth}, ...),
 * for messages that name the right property. Each service produces exactly one as a CDI bean; the
 * shared {@link Caller} and {@link DevKeyGuard} use it.
 */
public record ServiceAuth(String prefix, AuthConfig config) {
}
