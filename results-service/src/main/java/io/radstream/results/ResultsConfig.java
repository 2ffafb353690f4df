package io.radstream.results;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the results stream processor. */
@ConfigMapping(prefix = "radstream.results")
public interface ResultsConfig {

    /** How long a PRELIMINARY report must stay unchanged before it becomes FINAL. */
    @WithDefault("10s")
    Duration finalQuietPeriod();

    /** How often (wall-clock time) PRELIMINARY reports are checked for finalisation. */
    @WithDefault("1s")
    Duration punctuateInterval();
}
