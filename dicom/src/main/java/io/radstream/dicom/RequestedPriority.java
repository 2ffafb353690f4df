package io.radstream.dicom;

import java.util.List;
import java.util.Locale;

/**
  * Requested Procedure Priority (0040,1003) of an object: the top-level value, else the most urgent of
  * the values in the Request Attributes Sequence (0040,0275) items (an image made for several
  * requested procedures is read as urgently as the most urgent of them). Urgency follows the defined
  * terms of PS3.3 C.4.11: STAT, HIGH, ROUTINE, MEDIUM, LOW; an unknown term counts below LOW.
  */
final class RequestedPriority {

    private static final List<String> BY_URGENCY = List.of("STAT", "HIGH", "ROUTINE", "MEDIUM", "LOW");

    private RequestedPriority() {
    }

    static String of(AttributeCollector a) {
        String top = HeaderFactory.text(a, Tags.REQUESTED_PROCEDURE_PRIORITY);
        if (top != null) {
            return top;
        }
        String best = null;
        for (Value value : a.requestedPrioritiesInItems()) {
            String text = value.text();
            if (text != null && (best == null || rank(text) < rank(best))) {
                best = text;
            }
        }
        return best;
    }

    private static int rank(String term) {
        int rank = BY_URGENCY.indexOf(term.trim().toUpperCase(Locale.ROOT));
        return rank < 0 ? BY_URGENCY.size() : rank;
    }
}
