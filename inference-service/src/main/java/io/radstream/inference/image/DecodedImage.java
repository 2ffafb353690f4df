package io.radstream.inference.image;

/**
 * One decoded frame as grey values in modality units (HU for CT after rescale; 0..255 for PNG/JPEG).
 *
 * @param width            columns
 * @param height           rows
 * @param values           row-major grey values
 * @param monochrome1      true when high values are dark (DICOM MONOCHROME1), not yet inverted
 * @param rescaleSlope     the slope already applied (1 when none)
 * @param rescaleIntercept the intercept already applied (0 when none)
 * @param pixelSpacingMm   [row, column] spacing in mm, or null when unknown
 * @param plane            where the slice lies (DICOM Image Plane attributes), or null when unknown
 */
public record DecodedImage(int width, int height, float[] values, boolean monochrome1, double rescaleSlope,
                           double rescaleIntercept, double[] pixelSpacingMm, SlicePlane plane) {

    /** A frame whose plane is unknown (PNG/JPEG, DICOM without Image Plane attributes). */
    public DecodedImage(int width, int height, float[] values, boolean monochrome1, double rescaleSlope,
                        double rescaleIntercept, double[] pixelSpacingMm) {
        this(width, height, values, monochrome1, rescaleSlope, rescaleIntercept, pixelSpacingMm, null);
    }

    /**
     * Distance between adjacent frames of one object in mm (Spacing Between Slices, else Slice
     * Thickness), or null when unknown.
     */
    public Double sliceSpacingMm() {
        return plane == null ? null : plane.spacingMm();
    }
}
