package io.radstream.dicom;

import java.util.regex.Pattern;

/**
  * Builds a {@link DicomHeader} from the collected attributes. Identity UIDs are required for
  * every object; the pixel module is required and checked (see {@link PixelModule}) when Pixel
  * Data is present. Display and geometry attributes are optional and dropped when malformed;
  * rescale values change pixel meaning, so a malformed one is refused.
  */
final class HeaderFactory {
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final int MAX_UID_LENGTH = 64;

    private HeaderFactory() {}

    static DicomHeader create(TransferSyntax ts, AttributeCollector a, boolean hasPixelData,
            DicomLimits limits) throws DicomParseException {
        DicomHeader header = new DicomHeader(ts.uid(),
                uid(a, Tags.SOP_CLASS_UID, "SOP Class UID"),
                uid(a, Tags.SOP_INSTANCE_UID, "SOP Instance UID"),
                uid(a, Tags.STUDY_INSTANCE_UID, "Study Instance UID"),
                uid(a, Tags.SERIES_INSTANCE_UID, "Series Instance UID"),
                text(a, Tags.MODALITY), text(a, Tags.BODY_PART_EXAMINED), text(a, Tags.PATIENT_ID),
                text(a, Tags.ACCESSION_NUMBER), text(a, Tags.STUDY_DATE),
                integer(a, Tags.ROWS, 0), integer(a, Tags.COLUMNS, 0),
                integer(a, Tags.NUMBER_OF_FRAMES, hasPixelData ? 1 : 0),
                integer(a, Tags.SAMPLES_PER_PIXEL, 0), integer(a, Tags.BITS_ALLOCATED, 0),
                integer(a, Tags.BITS_STORED, 0), integer(a, Tags.PIXEL_REPRESENTATION, 0),
                integer(a, Tags.PLANAR_CONFIGURATION, 0), text(a, Tags.PHOTOMETRIC_INTERPRETATION),
                slope(a.resolved(Tags.RESCALE_SLOPE)), intercept(a.resolved(Tags.RESCALE_INTERCEPT)),
                firstDecimal(a.resolved(Tags.WINDOW_CENTER)), firstDecimal(a.resolved(Tags.WINDOW_WIDTH)),
                decimals(a.resolved(Tags.PIXEL_SPACING), 2),
                firstDecimal(a.resolved(Tags.SLICE_THICKNESS)),
                firstDecimal(a.resolved(Tags.SPACING_BETWEEN_SLICES)),
                decimals(a.resolved(Tags.IMAGE_POSITION_PATIENT), 3),
                decimals(a.resolved(Tags.IMAGE_ORIENTATION_PATIENT), 6),
                hasPixelData, RequestedPriority.of(a), text(a, Tags.STUDY_PRIORITY_ID),
                text(a, Tags.INSTITUTIONAL_DEPARTMENT_NAME), text(a, Tags.REQUESTING_SERVICE));
        if (hasPixelData) {
            PixelModule.of(header, a).check(limits);
        }
        return header;
    }

    /** Rescale Slope: finite and non-zero, 1 when absent. */
    static double slope(Value v) throws DicomParseException {
        double[] values = v == null ? new double[0] : v.decimals();
        if (values.length > 0 && values[0] == 0) {
            throw DicomParseException.mismatch("Rescale Slope is zero");
        }
        return values.length == 0 ? 1.0 : values[0];
    }

    /** Rescale Intercept: finite, 0 when absent. */
    static double intercept(Value v) throws DicomParseException {
        double[] values = v == null ? new double[0] : v.decimals();
        return values.length == 0 ? 0.0 : values[0];
    }

    private static String uid(AttributeCollector a, int tag, String name)
            throws DicomParseException {
        String uid = text(a, tag);
        if (uid == null) {
            throw DicomParseException.mismatch(name + " " + Tags.toString(tag) + " is missing");
        }
        if (uid.length() > MAX_UID_LENGTH || !UID.matcher(uid).matches()) {
            throw DicomParseException.mismatch(name + " " + Tags.toString(tag)
                    + " is not a valid UID");
        }
        return uid;
    }

    static String text(AttributeCollector a, int tag) {
        Value v = a.top(tag);
        return v == null ? null : v.text();
    }

    private static int integer(AttributeCollector a, int tag, int absent)
            throws DicomParseException {
        Value v = a.top(tag);
        Integer value = v == null ? null : v.integer();
        return value == null ? absent : value;
    }

    private static Double firstDecimal(Value v) {
        double[] values = decimals(v, 1);
        return values == null ? null : values[0];
    }

    /** The first {@code count} decimals, or null when absent, too few or malformed. */
    private static double[] decimals(Value v, int count) {
        if (v == null) {
            return null;
        }
        try {
            double[] values = v.decimals();
            return values.length < count ? null : java.util.Arrays.copyOf(values, count);
        } catch (DicomParseException malformed) {
            return null;
        }
    }
}
