package io.radstream.results;

import static io.radstream.results.TestEvents.arrival;
import static io.radstream.results.TestEvents.completed;
import static io.radstream.results.TestEvents.score;
import static io.radstream.results.TestEvents.withMeasurement;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationResult;
import io.radstream.results.fhir.DiagnosticReportMapper;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.Urgency;

/**
 * Every DiagnosticReport and Bundle the FHIR API produces, built from reports the real topology
 * folded, validates against the FHIR R4 schema (HAPI's validator) and keeps its contained resources
 * referenced. No broker, no Quarkus.
 */
class FhirReportValidationTest extends WithTopology {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String STUDY = "1.2.840.113619.2.55.3.11";
    private static final List<String> BOTH = List.of("cxr", "cxr-v2");

    private final FhirValidator validator = FHIR.newValidator()
            .setValidateAgainstStandardSchema(true)
            .setValidateAgainstStandardSchematron(false);

    @Test
    void shouldProduceAValidReportWithAnObservationPerLabelAndTheModelsAsDevices() {
        harness.arrive(arrival(STUDY, STUDY + ".1", Priority.STAT));
        harness.find(withMeasurement(completed(STUDY, STUDY + ".1", "cxr", BOTH,
                score("pneumothorax", 0.93, Urgency.STAT), score("effusion", 0.2, Urgency.ROUTINE)), "effusion_area", 12.5));
        harness.find(completed(STUDY, STUDY + ".1", "cxr-v2", BOTH, score("pneumothorax", 0.4, Urgency.STAT)));
        harness.advance(TopologyHarness.QUIET.plusSeconds(1));

        DiagnosticReport report = validated(DiagnosticReportMapper.map(harness.stored(STUDY)));

        assertThat(report.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
        assertThat(report.getIdElement().getIdPart()).isEqualTo(STUDY);
        assertThat(report.getSubject().getIdentifier().getValue()).isEqualTo("p".repeat(64));
        assertThat(report.getImagingStudy()).hasSize(1);
        List<Observation> results = report.getResult().stream().map(r -> (Observation) contained(report, r)).toList();
        assertThat(results).extracting(o -> o.getCode().getText()).containsExactly("PNEUMOTHORAX", "EFFUSION", "effusion_area");
        Observation pneumothorax = results.get(0);
        assertThat(pneumothorax.getValueQuantity().getValue().doubleValue()).isEqualTo(0.93);
        assertThat(pneumothorax.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("POS");
        assertThat(pneumothorax.getDerivedFromFirstRep().getReference()).isEqualTo("#imaging-study");
        assertThat(pneumothorax.getHasMember()).hasSize(2).allSatisfy(member ->
                assertThat(((Observation) contained(report, member)).getDevice().getReference()).startsWith("#model-"));
        assertThat(pneumothorax.getNoteFirstRep().getText()).contains("disagree");
        assertThat(report.getConclusionCode()).extracting(c -> c.getText()).containsExactly("PNEUMOTHORAX");
        assertThat(report.getConclusion()).contains("Notification only, not for diagnosis.");
        assertThat(report.getContained()).filteredOn(r -> r.fhirType().equals("Device")).hasSize(2);
    }

    @Test
    void shouldMapEveryLifecycleStatusToAValidReport() {
        harness.arrive(arrival(STUDY, STUDY + ".1", Priority.ROUTINE));
        assertThat(validated(map()).getStatus().toCode()).isEqualTo("registered");
        harness.arrive(arrival(STUDY, STUDY + ".2", Priority.ROUTINE));
        harness.find(completed(STUDY, STUDY + ".1", "cxr", List.of("cxr"), score("effusion", 0.7, Urgency.ROUTINE)));
        assertThat(validated(map()).getStatus().toCode()).isEqualTo("preliminary");
        harness.find(completed(STUDY, STUDY + ".2", "cxr", List.of("cxr"), score("effusion", 0.1, Urgency.ROUTINE)));
        harness.advance(TopologyHarness.QUIET.plusSeconds(1));
        assertThat(validated(map()).getStatus().toCode()).isEqualTo("final");
        harness.arrive(arrival(STUDY, STUDY + ".3", Priority.ROUTINE));
        assertThat(validated(map()).getStatus().toCode()).isEqualTo("amended");
    }

    @Test
    void shouldProduceAValidSearchsetBundle() {
        harness.arrive(arrival(STUDY, STUDY + ".1", Priority.ROUTINE));
        harness.find(completed(STUDY, STUDY + ".1", "cxr", List.of("cxr"), score("effusion", 0.7, Urgency.ROUTINE)));

        Bundle bundle = DiagnosticReportMapper.searchset(List.of(harness.stored(STUDY)), "http://localhost:8083/fhir/");
        assertValid(bundle);
        assertThat(bundle.getTotal()).isEqualTo(1);
        assertThat(bundle.getEntryFirstRep().getFullUrl()).isEqualTo("http://localhost:8083/fhir/DiagnosticReport/" + STUDY);
        assertValid(DiagnosticReportMapper.searchset(List.of(), "http://localhost:8083/fhir/"));
    }

    @Test
    void shouldCatchAnInvalidReport() {
        harness.arrive(arrival(STUDY, STUDY + ".1", Priority.ROUTINE));
        DiagnosticReport broken = map();
        broken.setStatus(null);
        broken.setCode(null);

        assertThat(validator.validateWithResult(broken).isSuccessful()).isFalse();
    }

    private DiagnosticReport map() {
        return DiagnosticReportMapper.map(harness.stored(STUDY));
    }

    private DiagnosticReport validated(DiagnosticReport report) {
        assertValid(report);
        assertContainedResourcesAreReferencedAndResolve(report);
        return report;
    }

    private void assertValid(IBaseResource resource) {
        ValidationResult result = validator.validateWithResult(resource);
        assertThat(result.isSuccessful()).as("%s%n%s", result.getMessages(),
                FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource)).isTrue();
    }

    /** FHIR invariant dom-3: every contained resource is referenced; and every local reference resolves. */
    private static void assertContainedResourcesAreReferencedAndResolve(DiagnosticReport report) {
        Set<String> referenced = new HashSet<>();
        new FhirTerser(FHIR).getAllPopulatedChildElementsOfType(report, Reference.class)
                .forEach(reference -> referenced.add(reference.getReference()));
        Set<String> contained = report.getContained().stream()
                .map(r -> "#" + r.getIdElement().getIdPart()).collect(Collectors.toSet());
        assertThat(referenced.stream().filter(r -> r != null && r.startsWith("#"))).allMatch(contained::contains);
        assertThat(contained).allMatch(referenced::contains);
    }

    private static Resource contained(DiagnosticReport report, Reference reference) {
        return report.getContained().stream()
                .filter(r -> reference.getReference().equals("#" + r.getIdElement().getIdPart()))
                .findFirst().orElseThrow();
    }
}
