package io.radstream.results.api;

import java.util.List;
import java.util.stream.Stream;

/** One page of the ordered, filtered worklist and the number of studies matching the filters. */
public record WorklistPage(List<WorklistItem> items, int total, int page, int size) {

    public static WorklistPage of(Stream<WorklistItem> studies, WorklistQuery query) {
        List<WorklistItem> matching = studies.filter(query::matches).sorted(WorklistItem.ORDER).toList();
        long from = (long) query.page() * query.size();
        List<WorklistItem> items = from >= matching.size() ? List.of()
                : matching.subList((int) from, (int) Math.min(matching.size(), from + query.size()));
        return new WorklistPage(items, matching.size(), query.page(), query.size());
    }
}
