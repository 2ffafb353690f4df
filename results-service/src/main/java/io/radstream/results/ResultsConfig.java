package io.radstream.results;

import java.net.URI;
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

    /**
     * How often (wall-clock time) changed reports are published, each once in its latest revision: what a
     * study's events changed in that time becomes one revision. Longer folds more of a large series
     * into one revision and adds up to this much to the time until a report is visible (a revision made
     * after a commit's punctuation waits for the next commit, {@code commit.interval.ms}). 0 publishes
     * every revision as it is made.
     */
    @WithDefault("10ms")
    Duration reportPublishInterval();

    /** How long an urgent alert may stay unacknowledged before it escalates (and again after each escalation). */
    @WithDefault("15m")
    Duration escalateAfter();

    /** How often an unacknowledged alert escalates at most. */
    @WithDefault("3")
    int maxEscalations();

    /**
     * This instance's API as the other instances of the application reach it ({@code http://host:port}, no
     * path): advertised to them as the Kafka Streams {@code application.server}, so that any instance can
     * forward a query to the instance that holds the study. Default {@code http://localhost:<quarkus.http.port>},
     * right for one instance only; with several, each needs its own reachable address (k8s: the pod IP).
     */
    @WithDefault("http://localhost:${quarkus.http.port}")
    URI advertisedUrl();

    /** Bearer-token authentication (the verification key itself is {@code mp.jwt.verify.publickey.location}). */
    AuthConfig auth();
}
