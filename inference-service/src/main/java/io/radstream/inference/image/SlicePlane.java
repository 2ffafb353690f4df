package io.radstream.inference.image;

import io.radstream.dicom.DicomHeader;

/**
 * Where a slice lies, from the DICOM Image Plane attributes: the slice normal (row x column
 * direction cosines of Image Orientation (Patient)) and Image Position (Patient) projected on it, so
 * slices of one series can be ordered and their spacing derived (PS3.3 C.7.6.2.1.1).
 *
 * @param locationMm             position along the normal in mm, or null when position or orientation is unknown
 * @param normal                 unit normal [x, y, z], or null when the orientation is unknown or degenerate
 * @param spacingBetweenSlicesMm Spacing Between Slices (0018,0088) when positive, else null
 * @param sliceThicknessMm       Slice Thickness (0018,0050) when positive, else null
 */
public record SlicePlane(Double locationMm, double[] normal, Double spacingBetweenSlicesMm, Double sliceThicknessMm) {

    /** Direction cosines must be unit vectors to this tolerance, and perpendicular (|row . column| below it). */
    private static final double COSINE_TOLERANCE = 1e-3;

    /** Copies the normal in. */
    public SlicePlane {
        normal = normal == null ? null : normal.clone();
    }

    /** The plane of a DICOM header, or null when it states none of the Image Plane attributes. */
    public static SlicePlane of(DicomHeader h) {
        double[] normal = normal(h.imageOrientationPatient());
        double[] position = finite(h.imagePositionPatient(), 3);
        Double location = normal == null || position == null ? null
                : position[0] * normal[0] + position[1] * normal[1] + position[2] * normal[2];
        Double between = positive(h.spacingBetweenSlices());
        Double thickness = positive(h.sliceThickness());
        if (normal == null && location == null && between == null && thickness == null) {
            return null;
        }
        return new SlicePlane(location, normal, between, thickness);
    }

    /** The normal (a copy), or null. */
    @Override
    public double[] normal() {
        return normal == null ? null : normal.clone();
    }

    /** Spacing Between Slices when stated, else Slice Thickness, else null: the spacing of frames in one object. */
    public Double spacingMm() {
        return spacingBetweenSlicesMm != null ? spacingBetweenSlicesMm : sliceThicknessMm;
    }

    /** row x column of Image Orientation (Patient), or null unless both are unit and perpendicular. */
    static double[] normal(double[] orientation) {
        double[] o = finite(orientation, 6);
        if (o == null) {
            return null;
        }
        double rowLength = Math.sqrt(o[0] * o[0] + o[1] * o[1] + o[2] * o[2]);
        double columnLength = Math.sqrt(o[3] * o[3] + o[4] * o[4] + o[5] * o[5]);
        double dot = o[0] * o[3] + o[1] * o[4] + o[2] * o[5];
        if (Math.abs(rowLength - 1) > COSINE_TOLERANCE || Math.abs(columnLength - 1) > COSINE_TOLERANCE
                || Math.abs(dot) > COSINE_TOLERANCE) {
            return null;
        }
        double[] n = {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
        double length = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        return new double[] {n[0] / length, n[1] / length, n[2] / length};
    }

    private static double[] finite(double[] values, int count) {
        if (values == null || values.length < count) {
            return null;
        }
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(values[i])) {
                return null;
            }
        }
        return values;
    }

    private static Double positive(Double value) {
        return value != null && Double.isFinite(value) && value > 0 ? value : null;
    }
}
