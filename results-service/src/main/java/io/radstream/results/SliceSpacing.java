package io.radstream.results;

import java.util.List;
import java.util.OptionalDouble;

import io.radstream.schemas.events.SliceGeometry;

/**
 * The spacing of a series' slices, only when it is known and consistent. With every slice's
 * position along a shared normal, it is derived from the positions: sorted, every gap must equal the
 * mean gap (a missing, duplicated or irregular slice gives none), and a stated Spacing Between Slices
 * must agree with it. Without any position, the stated Spacing Between Slices, else Slice Thickness,
 * must be the same on every slice. Mixed series (some positions missing) and single slices give none.
 */
final class SliceSpacing {

    /** Two spacings agree within 0.01 mm or 1 %, whichever is larger (DS values are rounded). */
    static final double ABSOLUTE_TOLERANCE_MM = 0.01;
    static final double RELATIVE_TOLERANCE = 0.01;
    /** Normals are the same when their dot product is at least 1 - this (about 2.6 degrees). */
    static final double NORMAL_TOLERANCE = 1e-3;

    private SliceSpacing() {
    }

    static OptionalDouble of(List<SliceGeometry> slices) {
        if (slices.size() < 2) {
            return OptionalDouble.empty();
        }
        if (slices.stream().allMatch(SliceSpacing::positioned)) {
            return fromPositions(slices);
        }
        if (slices.stream().anyMatch(s -> s.getLocationMm() != null)) {
            return OptionalDouble.empty();
        }
        return stated(slices);
    }

    private static OptionalDouble fromPositions(List<SliceGeometry> slices) {
        List<Double> normal = slices.get(0).getNormal();
        if (!slices.stream().allMatch(s -> parallel(normal, s.getNormal()))) {
            return OptionalDouble.empty();
        }
        double[] locations = slices.stream().mapToDouble(SliceGeometry::getLocationMm).sorted().toArray();
        double mean = (locations[locations.length - 1] - locations[0]) / (locations.length - 1);
        if (mean <= ABSOLUTE_TOLERANCE_MM) {
            return OptionalDouble.empty();
        }
        for (int i = 1; i < locations.length; i++) {
            if (!agree(locations[i] - locations[i - 1], mean)) {
                return OptionalDouble.empty();
            }
        }
        boolean statedAgrees = slices.stream().map(SliceGeometry::getSpacingBetweenSlicesMm)
                .allMatch(stated -> stated == null || agree(stated, mean));
        return statedAgrees ? OptionalDouble.of(mean) : OptionalDouble.empty();
    }

    private static OptionalDouble stated(List<SliceGeometry> slices) {
        Double first = statedSpacing(slices.get(0));
        if (first == null || !slices.stream().allMatch(s -> statedSpacing(s) != null && agree(statedSpacing(s), first))) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(first);
    }

    private static Double statedSpacing(SliceGeometry slice) {
        Double spacing = slice.getSpacingBetweenSlicesMm() != null ? slice.getSpacingBetweenSlicesMm()
                : slice.getSliceThicknessMm();
        return spacing != null && Double.isFinite(spacing) && spacing > 0 ? spacing : null;
    }

    private static boolean positioned(SliceGeometry slice) {
        return slice.getLocationMm() != null && Double.isFinite(slice.getLocationMm()) && slice.getNormal().size() == 3;
    }

    private static boolean parallel(List<Double> a, List<Double> b) {
        double dot = a.get(0) * b.get(0) + a.get(1) * b.get(1) + a.get(2) * b.get(2);
        return dot >= 1 - NORMAL_TOLERANCE;
    }

    static boolean agree(double a, double b) {
        return Math.abs(a - b) <= Math.max(ABSOLUTE_TOLERANCE_MM, RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)));
    }
}
