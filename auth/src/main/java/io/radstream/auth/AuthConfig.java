package io.radstream.auth;

import io.smallrye.config.WithDefault;

/**
 * How a service identifies its callers: a config group nested in each service's own
 * {@code @ConfigMapping} as {@code auth} (e.g. {@code radstream.results.auth.tenant-claim}). The
 * verification key itself is {@code mp.jwt.verify.publickey.location}.
 */
public interface AuthConfig {

    /** The token claim naming the caller's tenant (objects, events and answers are scoped by it). */
    @WithDefault("tenant")
    String tenantClaim();

    /**
     * Whether the committed development key ({@code config/dev-jwt}) may verify tokens outside dev
     * and test; only the local launcher and the end-to-end test set it.
     */
    @WithDefault("false")
    boolean allowDevKey();
}
