package io.radstream.ingest.core;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.radstream.dicom.DicomHeader;
import io.radstream.ingest.IngestConfig;
import io.radstream.ingest.IngestConfig.PriorityRouting;
import io.radstream.schemas.events.Priority;

/**
 * Decides an image's reading priority, and so its lane: what the request says (header, query or
 * metadata) wins; else what the DICOM object says — Requested Procedure Priority (0040,1003), then the
 * retired Study Priority ID (0032,000C); else the first matching routing rule (e.g. CT HEAD from the
 * emergency department is STAT); else the configured fallback.
 */
@ApplicationScoped
public class PriorityPolicy {

    private final List<CompiledRule> rules;
    private final Priority fallback;

    @Inject
    public PriorityPolicy(IngestConfig config) {
        this(config.priority());
    }

    PriorityPolicy(PriorityRouting routing) {
        this.rules = routing.rules().stream().map(CompiledRule::of).toList();
        this.fallback = routing.fallback();
    }

    /** What is known about an image when its priority is decided; any part may be null. */
    public record Facts(Priority requested, DicomHeader header, String modality, String bodyPart, String department) {
    }

    public Priority decide(Facts facts) {
        if (facts.requested() != null) {
            return facts.requested();
        }
        Optional<Priority> fromDicom = fromDicom(facts.header());
        if (fromDicom.isPresent()) {
            return fromDicom.get();
        }
        for (CompiledRule rule : rules) {
            if (rule.matches(facts)) {
                return rule.priority();
            }
        }
        return fallback;
    }

    static Optional<Priority> fromDicom(DicomHeader header) {
        if (header == null) {
            return Optional.empty();
        }
        Optional<Priority> requested = switch (upper(header.requestedProcedurePriority())) {
            case "STAT" -> Optional.of(Priority.STAT);
            case "HIGH" -> Optional.of(Priority.URGENT);
            case "ROUTINE", "MEDIUM", "LOW" -> Optional.of(Priority.ROUTINE);
            default -> Optional.empty();
        };
        return requested.or(() -> switch (upper(header.studyPriorityId())) {
            case "HIGH" -> Optional.of(Priority.URGENT);
            case "MED", "LOW" -> Optional.of(Priority.ROUTINE);
            default -> Optional.empty();
        });
    }

    private static String upper(String value) {
        return value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    }

    private record CompiledRule(String modality, String bodyPart, Pattern department, Priority priority) {
        static CompiledRule of(PriorityRouting.Rule rule) {
            return new CompiledRule(rule.modality().map(PriorityPolicy::upper).orElse(null),
                    rule.bodyPart().map(PriorityPolicy::upper).orElse(null),
                    rule.department().map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE)).orElse(null),
                    rule.priority());
        }

        boolean matches(Facts facts) {
            return (modality == null || modality.equals(upper(facts.modality())))
                    && (bodyPart == null || bodyPart.equals(upper(facts.bodyPart())))
                    && (department == null || departmentMatches(facts));
        }

        private boolean departmentMatches(Facts facts) {
            DicomHeader h = facts.header();
            for (String candidate : new String[] {facts.department(), h == null ? null : h.institutionalDepartmentName(),
                h == null ? null : h.requestingService()}) {
                if (candidate != null && department.matcher(candidate).find()) {
                    return true;
                }
            }
            return false;
        }
    }
}
