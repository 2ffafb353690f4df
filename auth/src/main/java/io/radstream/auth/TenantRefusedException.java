package io.radstream.auth;

/** The token names no tenant, or one outside the tenant grammar: the service answers 403. */
public class TenantRefusedException extends RuntimeException {

    public TenantRefusedException(String message) {
        super(message);
    }
}
