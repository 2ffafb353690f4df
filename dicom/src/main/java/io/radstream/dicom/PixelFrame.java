package io.radstream.dicom;

/**
  * One decoded frame, row-major, samples interleaved per pixel.
  *
  * <ul>
  *   <li>Single-sample (MONOCHROME1/2) frames hold modality values: Rescale Slope/Intercept are
  *       already applied (CT in Hounsfield units). MONOCHROME1 is <em>not</em> inverted; consult
  *       {@link DicomHeader#photometricInterpretation()}.</li>
  *   <li>Colour frames (RGB, YBR_FULL, YBR_FULL_422, PALETTE COLOR) are converted to interleaved
  *       RGB with {@code samplesPerPixel == 3}, each sample in 0..255 (sources deeper than 8 bits
  *       are scaled linearly).</li>
  * </ul>
  * The array is owned by the caller (not copied, for speed).
  *
  * @param samplesPerPixel 1 (grey) or 3 (RGB)
  * @param samples         {@code rows * columns * samplesPerPixel} values
  */
public record PixelFrame(int rows, int columns, int samplesPerPixel, float[] samples) {

    /** Checks that the sample array matches the dimensions. */
    public PixelFrame {
        if (samples == null || (long) rows * columns * samplesPerPixel != samples.length) {
            throw new IllegalArgumentException("samples do not match " + rows + "x" + columns + "x"
                    + samplesPerPixel);
        }
    }

    /** The sample of pixel ({@code row}, {@code column}), component {@code sample}. */
    public float sample(int row, int column, int sample) {
        return samples[(row * columns + column) * samplesPerPixel + sample];
    }
}
