package io.radstream.dicom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
  * Keeps the few element values RadStream interprets and tells the parser which sequences to
  * enter: the top level, and for enhanced multi-frame objects the Shared and Per-Frame Functional
  * Groups with their pixel measures, plane position, pixel value transformation and VOI macros
  * (first macro item only), and the Request Attributes Sequence (0040,0275), whose first
  * {@value #MAX_REQUEST_ITEMS} items give their Requested Procedure Priority (0040,1003). Everything
  * else is skipped unread. The first occurrence wins.
  */
final class AttributeCollector {

    /** Where an element sits: a chain of (sequence tag, item index) from the top level. */
    record Path(Path parent, int sequenceTag, int item) {
        static final Path ROOT = new Path(null, 0, 0);

        boolean isRoot() {
            return parent == null;
        }
    }

    private static final Set<Integer> TOP_LEVEL = Set.of(
            Tags.SOP_CLASS_UID, Tags.SOP_INSTANCE_UID, Tags.STUDY_DATE, Tags.ACCESSION_NUMBER,
            Tags.MODALITY, Tags.PATIENT_ID, Tags.BODY_PART_EXAMINED, Tags.SLICE_THICKNESS,
            Tags.SPACING_BETWEEN_SLICES, Tags.STUDY_INSTANCE_UID, Tags.SERIES_INSTANCE_UID,
            Tags.IMAGE_POSITION_PATIENT, Tags.IMAGE_ORIENTATION_PATIENT, Tags.SAMPLES_PER_PIXEL,
            Tags.PHOTOMETRIC_INTERPRETATION,
            Tags.PLANAR_CONFIGURATION, Tags.NUMBER_OF_FRAMES, Tags.ROWS, Tags.COLUMNS,
            Tags.PIXEL_SPACING, Tags.BITS_ALLOCATED, Tags.BITS_STORED, Tags.HIGH_BIT,
            Tags.PIXEL_REPRESENTATION, Tags.WINDOW_CENTER, Tags.WINDOW_WIDTH, Tags.RESCALE_INTERCEPT,
            Tags.RESCALE_SLOPE, Tags.RED_PALETTE_DESCRIPTOR, Tags.GREEN_PALETTE_DESCRIPTOR,
            Tags.BLUE_PALETTE_DESCRIPTOR, Tags.RED_PALETTE_DATA, Tags.GREEN_PALETTE_DATA,
            Tags.BLUE_PALETTE_DATA, Tags.REQUESTED_PROCEDURE_PRIORITY, Tags.STUDY_PRIORITY_ID,
            Tags.INSTITUTIONAL_DEPARTMENT_NAME, Tags.REQUESTING_SERVICE);

    private static final Set<Integer> FUNCTIONAL_GROUPS = Set.of(
            Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);

    private static final Set<Integer> MACROS = Set.of(
            Tags.PIXEL_MEASURES_SEQUENCE, Tags.PLANE_POSITION_SEQUENCE, Tags.PLANE_ORIENTATION_SEQUENCE,
            Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, Tags.FRAME_VOI_LUT_SEQUENCE);

    private static final Set<Integer> MACRO_CONTENT = Set.of(
            Tags.PIXEL_SPACING, Tags.SLICE_THICKNESS, Tags.SPACING_BETWEEN_SLICES,
            Tags.IMAGE_POSITION_PATIENT, Tags.IMAGE_ORIENTATION_PATIENT, Tags.RESCALE_INTERCEPT,
            Tags.RESCALE_SLOPE, Tags.WINDOW_CENTER, Tags.WINDOW_WIDTH);

    /** Request Attributes items read for their priority; further items are walked but not kept. */
    static final int MAX_REQUEST_ITEMS = 32;

    private final int maxPerFrameItems;
    private final Map<Integer, Value> topLevel = new HashMap<>();
    private final Map<Integer, Value> shared = new HashMap<>();
    private final List<Map<Integer, Value>> perFrame = new ArrayList<>();
    private final List<Value> requestedPriorities = new ArrayList<>();

    AttributeCollector(int maxPerFrameItems) {
        this.maxPerFrameItems = maxPerFrameItems;
    }

    /** Whether the parser should keep the value of {@code tag} at {@code path} (null: skipped). */
    boolean wants(Path path, int tag) {
        if (path == null) {
            return false;
        }
        if (path.isRoot()) {
            return TOP_LEVEL.contains(tag);
        }
        if (isRequestAttributesItem(path)) {
            return tag == Tags.REQUESTED_PROCEDURE_PRIORITY && path.item() < MAX_REQUEST_ITEMS;
        }
        return isMacroItem(path) && MACRO_CONTENT.contains(tag) && isKeptGroup(path.parent());
    }

    /** Whether the parser should enter sequence {@code sequenceTag} found at {@code path}. */
    boolean descends(Path path, int sequenceTag) {
        if (path == null) {
            return false;
        }
        if (path.isRoot()) {
            return FUNCTIONAL_GROUPS.contains(sequenceTag) || sequenceTag == Tags.REQUEST_ATTRIBUTES_SEQUENCE;
        }
        return path.parent().isRoot() && FUNCTIONAL_GROUPS.contains(path.sequenceTag())
                && MACROS.contains(sequenceTag);
    }

    void accept(Path path, Value value) {
        if (isRequestAttributesItem(path)) {
            requestedPriorities.add(value);
            return;
        }
        Map<Integer, Value> target = path.isRoot() ? topLevel : groupFor(path);
        if (target != null) {
            target.putIfAbsent(value.tag(), value);
        }
    }

    /** A top-level value, or null. */
    Value top(int tag) {
        return topLevel.get(tag);
    }

    /** The value at top level, else in the Shared Functional Groups, or null. */
    Value topOrShared(int tag) {
        Value v = topLevel.get(tag);
        return v != null ? v : shared.get(tag);
    }

    /** The value at top level, else in the Shared, else the first Per-Frame Functional Group. */
    Value resolved(int tag) {
        Value v = topLevel.get(tag);
        if (v == null) {
            v = shared.get(tag);
        }
        if (v == null && !perFrame.isEmpty()) {
            v = perFrame.get(0).get(tag);
        }
        return v;
    }

    /** The Requested Procedure Priority values of the Request Attributes items, in item order. */
    List<Value> requestedPrioritiesInItems() {
        return List.copyOf(requestedPriorities);
    }

    /** The value of {@code tag} in the Per-Frame Functional Group of frame {@code index}, or null. */
    Value perFrame(int index, int tag) {
        return index < perFrame.size() ? perFrame.get(index).get(tag) : null;
    }

    private static boolean isRequestAttributesItem(Path path) {
        return path.sequenceTag() == Tags.REQUEST_ATTRIBUTES_SEQUENCE && path.parent() != null
                && path.parent().isRoot();
    }

    private static boolean isMacroItem(Path path) {
        return path.item() == 0 && MACROS.contains(path.sequenceTag())
                && path.parent() != null && path.parent().parent() != null
                && path.parent().parent().isRoot();
    }

    private boolean isKeptGroup(Path group) {
        return group.sequenceTag() == Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE
                ? group.item() == 0
                : group.item() < maxPerFrameItems;
    }

    private Map<Integer, Value> groupFor(Path macroItem) {
        Path group = macroItem.parent();
        if (!isKeptGroup(group)) {
            return null;
        }
        if (group.sequenceTag() == Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE) {
            return shared;
        }
        int index = group.item();
        while (perFrame.size() <= index) {
            perFrame.add(new HashMap<>());
        }
        return perFrame.get(index);
    }
}
