package io.radstream.results.api;

import io.radstream.schemas.events.ModelRef;

/** Which model, exactly, produced a result. */
public record ModelView(String id, String version, String sha256, String task) {

    static ModelView from(ModelRef model) {
        return new ModelView(model.getId(), model.getVersion(), model.getSha256(), model.getTask());
    }
}
