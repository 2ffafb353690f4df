package io.radstream.results;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.radstream.auth.ServiceAuth;

/** The results API's callers are identified as configured under {@code radstream.results.auth} (shared {@code auth} module). */
public class ResultsAuth {

    @Produces
    @Singleton
    ServiceAuth serviceAuth(ResultsConfig config) {
        return new ServiceAuth("radstream.results.auth", config.auth());
    }
}
