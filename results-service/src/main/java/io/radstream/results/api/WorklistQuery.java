package io.radstream.results.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response.Status;

import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.ReportStatus;

/**
 * Filters and page of a worklist request. Empty filters match everything; several values of one
 * filter match any of them.
 */
public record WorklistQuery(Set<String> statuses, Set<String> modalities, Set<String> priorities, int page, int size) {

    public static final int MAX_SIZE = 500;

    public static WorklistQuery of(List<String> statuses, List<String> modalities, List<String> priorities,
                                   int page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new ApiException(Status.BAD_REQUEST, "page must be >= 0 and size between 1 and " + MAX_SIZE);
        }
        return new WorklistQuery(names(statuses, ReportStatus.class), upper(modalities), names(priorities, Priority.class),
                page, size);
    }

    public boolean matches(WorklistItem item) {
        return (statuses.isEmpty() || statuses.contains(item.status()))
                && (modalities.isEmpty() || modalities.contains(item.modality().toUpperCase(Locale.ROOT)))
                && (priorities.isEmpty() || priorities.contains(item.priority()));
    }

    private static <E extends Enum<E>> Set<String> names(List<String> values, Class<E> type) {
        Set<String> names = upper(values);
        Set<String> known = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toSet());
        if (!known.containsAll(names)) {
            throw new ApiException(Status.BAD_REQUEST, type.getSimpleName() + " must be one of " + known);
        }
        return names;
    }

    private static Set<String> upper(List<String> values) {
        return values == null ? Set.of() : values.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .map(value -> value.toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
