package io.radstream.ingest.stow;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * Turns cleartext HTTP/2 (h2c) off on the plain HTTP listener. Vert.x reads the whole body of an
 * HTTP/1.1 request that asks to upgrade to h2c into memory before the upgraded stream is handed on, so
 * one such STOW-RS request (Java's HttpClient sends them by default) held the entire series in the
 * heap, beyond any backpressure of {@link BodyStream}; a hostile client could do the same up to the
 * body-size limit. Clients stay on HTTP/1.1, as PACS and DICOM routers send STOW-RS; HTTP/2 over TLS
 * (ALPN) is not affected.
 */
@ApplicationScoped
public class NoCleartextHttp2Upgrade implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
