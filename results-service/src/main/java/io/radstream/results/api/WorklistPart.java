package io.radstream.results.api;

import java.util.Collection;
import java.util.List;

/**
 * One instance's part of a worklist: the first studies matching the filters, in
 * {@link WorklistItem#ORDER}, and how many match on that instance in all.
 */
public record WorklistPart(List<WorklistItem> items, int total) {

    /**
     * The page of the whole worklist from each instance's part; exact when every part holds at least
     * the first {@code (page + 1) * size} studies of its instance.
     */
    public static WorklistPage merge(Collection<WorklistPart> parts, WorklistQuery query) {
        WorklistPage merged = WorklistPage.of(parts.stream().flatMap(part -> part.items().stream()), query);
        int total = parts.stream().mapToInt(WorklistPart::total).sum();
        return new WorklistPage(merged.items(), total, merged.page(), merged.size());
    }

    /** How many studies each part must hold for the page of {@code query}. */
    public static int needed(WorklistQuery query) {
        return (int) Math.min(Integer.MAX_VALUE, ((long) query.page() + 1) * query.size());
    }
}
