package io.radstream.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.radstream.dicom.DicomWriter;

/**
 * A synthetic axial CT abdomen series (portal venous phase, in the style of the phantoms
 * {@code lesion-seg} was trained on: body, fat rim, liver, spleen, kidneys, vertebra) with one
 * hypodense spherical liver lesion of known radius, written as single-frame CT Image Storage
 * instances with the Image Plane attributes a scanner writes: Image Position and Orientation
 * (Patient), Pixel Spacing and Slice Thickness, but no Spacing Between Slices, so the slice spacing
 * must come from the positions. Lesion pixels carry their partial volume (4 x 4 supersampling).
 */
final class LesionSeriesPhantom {

    static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    static final int SIZE = 128;
    static final double PIXEL_MM = 2.5;
    private static final double HALF_FOV_MM = SIZE * PIXEL_MM / 2;
    private static final double LIVER_HU = 110;
    private static final double LESION_HU = 45;

    private final double radiusMm;
    private final double spacingMm;
    private final int slices;

    /** A lesion of {@code radiusMm} centred in a series of {@code slices} slices {@code spacingMm} apart. */
    LesionSeriesPhantom(double radiusMm, double spacingMm, int slices) {
        this.radiusMm = radiusMm;
        this.spacingMm = spacingMm;
        this.slices = slices;
    }

    /** The lesion's volume, 4/3 pi r^3. */
    double trueVolumeMm3() {
        return 4.0 / 3.0 * Math.PI * radiusMm * radiusMm * radiusMm;
    }

    /** One Part 10 file per slice, in acquisition order, with a fixed noise seed. */
    List<byte[]> series(String studyUid, String seriesUid, long seed) {
        Random noise = new Random(seed);
        List<byte[]> files = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            double z = (i - (slices - 1) / 2.0) * spacingMm;
            files.add(slice(studyUid, seriesUid, i, z, noise));
        }
        return files;
    }

    private byte[] slice(String studyUid, String seriesUid, int index, double zMm, Random noise) {
        short[] stored = new short[SIZE * SIZE];
        double lesionRadius = radiusMm * radiusMm > zMm * zMm ? Math.sqrt(radiusMm * radiusMm - zMm * zMm) : 0;
        for (int row = 0; row < SIZE; row++) {
            for (int col = 0; col < SIZE; col++) {
                double y = (row + 0.5) / SIZE * 2 - 1;
                double x = (col + 0.5) / SIZE * 2 - 1;
                double hu = anatomy(y, x);
                double lesion = lesionFraction(row, col, lesionRadius);
                hu += (LESION_HU - hu) * lesion + noise.nextGaussian() * 8;
                stored[row * SIZE + col] = (short) Math.round(hu + 1024);
            }
        }
        return DicomWriter.grayscale16(studyUid, seriesUid, DicomWriter.newUid(), SIZE, SIZE, stored)
                .string(0x00080016, "UI", CT_IMAGE_STORAGE)
                .string(0x00080060, "CS", "CT")
                .string(0x00180015, "CS", "ABDOMEN")
                .string(0x00100020, "LO", "PHANTOM-SERIES-001")
                .string(0x00200013, "IS", Integer.toString(index + 1))
                .string(0x00280030, "DS", ds(PIXEL_MM), ds(PIXEL_MM))
                .string(0x00180050, "DS", ds(spacingMm))
                .string(0x00200037, "DS", "1", "0", "0", "0", "1", "0")
                .string(0x00200032, "DS", ds(-HALF_FOV_MM), ds(-HALF_FOV_MM), ds(zMm))
                .string(0x00281052, "DS", "-1024")
                .string(0x00281053, "DS", "1")
                .toByteArray();
    }

    /** HU of the lesion-free anatomy at normalised image coordinates (y down, x right, -1..1). */
    private static double anatomy(double y, double x) {
        double body = ellipse(y, x, 0.05, 0, 0.6, 0.85);
        if (body > 1) {
            return -1000;
        }
        double hu = body > 0.9 ? -100 : 40;
        if (ellipse(y, x, -0.05, -0.4, 0.38, 0.4) <= 1 && x < 0.05) {
            hu = LIVER_HU;
        }
        if (ellipse(y, x, 0.12, 0.55, 0.16, 0.12) <= 1) {
            hu = 115;
        }
        if (ellipse(y, x, 0.3, -0.3, 0.11, 0.07) <= 1 || ellipse(y, x, 0.3, 0.3, 0.11, 0.07) <= 1) {
            hu = 160;
        }
        double vertebra = ellipse(y, x, 0.38, 0, 0.12, 0.11);
        if (vertebra <= 1) {
            hu = vertebra > 0.85 ? 650 : 230;
        }
        return hu;
    }

    /** Share of the pixel inside the lesion's cross-section of radius {@code r} mm (0 when none). */
    private static double lesionFraction(int row, int col, double r) {
        if (r <= 0) {
            return 0;
        }
        double cy = -0.05 * HALF_FOV_MM;
        double cx = -0.4 * HALF_FOV_MM;
        int inside = 0;
        for (int sy = 0; sy < 4; sy++) {
            for (int sx = 0; sx < 4; sx++) {
                double ymm = (row + (sy + 0.5) / 4) * PIXEL_MM - HALF_FOV_MM - cy;
                double xmm = (col + (sx + 0.5) / 4) * PIXEL_MM - HALF_FOV_MM - cx;
                inside += ymm * ymm + xmm * xmm <= r * r ? 1 : 0;
            }
        }
        return inside / 16.0;
    }

    private static double ellipse(double y, double x, double cy, double cx, double b, double a) {
        double dx = (x - cx) / a;
        double dy = (y - cy) / b;
        return Math.sqrt(dx * dx + dy * dy);
    }

    private static String ds(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
