package io.radstream.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the image bucket answers. */
@Readiness
@ApplicationScoped
public class S3HealthCheck implements HealthCheck {

    @Inject
    ObjectStore store;

    @Inject
    S3Config config;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("s3")
                .status(store.isReachable())
                .withData("endpoint", config.endpoint())
                .withData("bucket", config.bucket())
                .build();
    }
}
