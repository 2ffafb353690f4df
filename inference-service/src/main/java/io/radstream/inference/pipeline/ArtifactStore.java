package io.radstream.inference.pipeline;

import java.util.Map;

import io.radstream.inference.model.ModelDescriptor;
import io.radstream.schemas.events.Artifact;
import io.radstream.schemas.events.ArtifactKind;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.ObjectRef;
import io.radstream.storage.ObjectStore;
import io.radstream.storage.Sha256;

/** Writes derived PNGs next to their source: {@code derived/<tenant>/<study>/<sop>/<model>-<version>/<name>.png}. */
final class ArtifactStore {

    private final ObjectStore store;

    ArtifactStore(ObjectStore store) {
        this.store = store;
    }

    Artifact write(ImageArrived image, ModelDescriptor model, ArtifactKind kind, String label, byte[] png) {
        String name = kind.name().toLowerCase() + (label == null ? "" : "-" + label.replaceAll("[^A-Za-z0-9_-]", "_"));
        String key = String.join("/", "derived", image.getTenant(), image.getStudyInstanceUid(),
                image.getSopInstanceUid(), model.id() + "-" + model.version(), name + ".png");
        store.put(key, png, "image/png", Map.of());
        ObjectRef ref = ObjectRef.newBuilder().setBucket(store.bucket()).setKey(key).setContentType("image/png")
                .setSizeBytes(png.length).setSha256(Sha256.hex(png)).build();
        return Artifact.newBuilder().setKind(kind).setLabel(label).setObject(ref).build();
    }
}
