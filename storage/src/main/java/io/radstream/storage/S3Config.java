package io.radstream.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the S3-compatible image store is and how to reach it. */
@ConfigMapping(prefix = "radstream.s3")
public interface S3Config {

    /** e.g. http://127.0.0.1:9000 (MinIO, s3proxy, AWS S3). */
    String endpoint();

    String accessKey();

    String secretKey();

    @WithDefault("radstream-images")
    String bucket();

    @WithDefault("us-east-1")
    String region();
}
