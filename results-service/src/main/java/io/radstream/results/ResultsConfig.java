package io.radstream.results;

import java.time.Duration;

import io.radstream.auth.AuthConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the results stream processor. */
@ConfigMapping(prefix = "radstream.results")
public interface ResultsConfig {

    /** How long a PRELIMINARY report must stay unchanged before it becomes FINAL. */
    @WithDefault("10s")
    Duration finalQuietPeriod();

    /** How often (wall-clock time) PRELIMINARY reports and open alerts are checked. */
    @WithDefault("1s")
    Duration punctuateInterval();

    /** How long an urgent alert may stay unacknowledged before it escalates (and again after each escalation). */
    @WithDefault("15m")
    Duration escalateAfter();

    /** How often an unacknowledged alert escalates at most. */
    @WithDefault("3")
    int maxEscalations();

    /** Bearer-token authentication (the verification key itself is {@code mp.jwt.verify.publickey.location}). */
    AuthConfig auth();
}
