package io.radstream.results;

import static io.radstream.results.TestEvents.arrival;
import static io.radstream.results.TestEvents.completed;
import static io.radstream.results.TestEvents.score;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.radstream.schemas.events.Artifact;
import io.radstream.schemas.events.ArtifactKind;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.ImageArtifact;
import io.radstream.schemas.events.ObjectRef;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.Urgency;

/** The derived images a finding links (heatmaps, masks) land on their image in the report, once each. */
class ArtifactLinkTopologyTest extends WithTopology {

    private static final String STUDY = "1.2.840.113619.2.55.3.9";
    private static final String SOP_1 = "1.2.840.113619.2.55.3.9.1";
    private static final String SOP_2 = "1.2.840.113619.2.55.3.9.2";

    @Test
    void shouldLinkEachFindingsArtifactsToItsImageOnceEvenWhenRedelivered() {
        harness.arrive(arrival(STUDY, SOP_1, Priority.STAT));
        harness.arrive(arrival(STUDY, SOP_2, Priority.STAT));
        Finding heatmap = withArtifacts(completed(STUDY, SOP_1, "cxr", List.of("cxr", "seg"),
                score("pneumothorax", 0.93, Urgency.STAT)), artifact(ArtifactKind.HEATMAP, "pneumothorax", "h1.png"));
        Finding mask = withArtifacts(completed(STUDY, SOP_1, "seg", List.of("cxr", "seg")),
                artifact(ArtifactKind.MASK, null, "m1.png"));

        harness.find(heatmap);
        harness.find(mask);
        harness.find(heatmap);

        List<ImageArtifact> first = harness.stored(STUDY).getImages().stream()
                .filter(i -> i.getSopInstanceUid().equals(SOP_1)).findFirst().orElseThrow().getArtifacts();
        assertThat(first).extracting(ImageArtifact::getModel, a -> a.getArtifact().getKind(),
                        a -> a.getArtifact().getObject().getKey())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cxr", ArtifactKind.HEATMAP, "t/" + STUDY + "/h1.png"),
                        org.assertj.core.groups.Tuple.tuple("seg", ArtifactKind.MASK, "t/" + STUDY + "/m1.png"));
        assertThat(harness.stored(STUDY).getImages()).filteredOn(i -> i.getSopInstanceUid().equals(SOP_2))
                .singleElement().satisfies(i -> assertThat(i.getArtifacts()).isEmpty());
    }

    static Finding withArtifacts(Finding finding, Artifact... artifacts) {
        finding.setArtifacts(List.of(artifacts));
        return finding;
    }

    static Artifact artifact(ArtifactKind kind, String label, String name) {
        return Artifact.newBuilder().setKind(kind).setLabel(label)
                .setObject(ObjectRef.newBuilder().setBucket("radstream-images").setKey("t/" + STUDY + "/" + name)
                        .setContentType("image/png").setSizeBytes(10).setSha256("00").build())
                .build();
    }
}
