package io.radstream.dicom;

/** Tags used by the reader, as {@code group << 16 | element}, and their VRs for implicit VR. */
final class Tags {
    static final int ITEM = 0xFFFEE000;
    static final int ITEM_DELIMITATION = 0xFFFEE00D;
    static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    static final int TRANSFER_SYNTAX_UID = 0x00020010;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int STUDY_DATE = 0x00080020;
    static final int ACCESSION_NUMBER = 0x00080050;
    static final int MODALITY = 0x00080060;
    static final int PATIENT_ID = 0x00100020;
    static final int BODY_PART_EXAMINED = 0x00180015;
    static final int SLICE_THICKNESS = 0x00180050;
    static final int SPACING_BETWEEN_SLICES = 0x00180088;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int IMAGE_POSITION_PATIENT = 0x00200032;
    static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    static final int PLANAR_CONFIGURATION = 0x00280006;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int PIXEL_SPACING = 0x00280030;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int BITS_STORED = 0x00280101;
    static final int HIGH_BIT = 0x00280102;
    static final int PIXEL_REPRESENTATION = 0x00280103;
    static final int WINDOW_CENTER = 0x00281050;
    static final int WINDOW_WIDTH = 0x00281051;
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int RED_PALETTE_DESCRIPTOR = 0x00281101;
    static final int GREEN_PALETTE_DESCRIPTOR = 0x00281102;
    static final int BLUE_PALETTE_DESCRIPTOR = 0x00281103;
    static final int RED_PALETTE_DATA = 0x00281201;
    static final int GREEN_PALETTE_DATA = 0x00281202;
    static final int BLUE_PALETTE_DATA = 0x00281203;
    static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;
    static final int FRAME_VOI_LUT_SEQUENCE = 0x00289132;
    static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = 0x00289145;
    static final int PLANE_POSITION_SEQUENCE = 0x00209113;
    static final int PLANE_ORIENTATION_SEQUENCE = 0x00209116;
    static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
    static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;
    static final int PIXEL_DATA = 0x7FE00010;
    static final int INSTITUTIONAL_DEPARTMENT_NAME = 0x00081040;
    static final int STUDY_PRIORITY_ID = 0x0032000C;
    static final int REQUESTING_SERVICE = 0x00321033;
    static final int REQUESTED_PROCEDURE_PRIORITY = 0x00401003;
    static final int REQUEST_ATTRIBUTES_SEQUENCE = 0x00400275;

    private Tags() {}

    /** Whether {@code tag} is an item or delimitation tag (group FFFE). */
    static boolean isItemOrDelimiter(int tag) {
        return (tag >>> 16) == 0xFFFE;
    }

    /** The VR implied for {@code tag} in Implicit VR (UN for tags the reader does not interpret). */
    static Vr implicitVr(int tag) {
        return switch (tag) {
            case TRANSFER_SYNTAX_UID, SOP_CLASS_UID, SOP_INSTANCE_UID, STUDY_INSTANCE_UID,
                    SERIES_INSTANCE_UID -> Vr.UI;
            case MODALITY, BODY_PART_EXAMINED, PHOTOMETRIC_INTERPRETATION -> Vr.CS;
            case STUDY_DATE -> Vr.DA;
            case ACCESSION_NUMBER -> Vr.SH;
            case PATIENT_ID -> Vr.LO;
            case SAMPLES_PER_PIXEL, PLANAR_CONFIGURATION, ROWS, COLUMNS, BITS_ALLOCATED, BITS_STORED,
                    HIGH_BIT, PIXEL_REPRESENTATION, RED_PALETTE_DESCRIPTOR, GREEN_PALETTE_DESCRIPTOR,
                    BLUE_PALETTE_DESCRIPTOR -> Vr.US;
            case NUMBER_OF_FRAMES -> Vr.IS;
            case SLICE_THICKNESS, SPACING_BETWEEN_SLICES, IMAGE_POSITION_PATIENT, IMAGE_ORIENTATION_PATIENT,
                    PIXEL_SPACING,
                    WINDOW_CENTER, WINDOW_WIDTH, RESCALE_INTERCEPT, RESCALE_SLOPE -> Vr.DS;
            case RED_PALETTE_DATA, GREEN_PALETTE_DATA, BLUE_PALETTE_DATA, PIXEL_DATA -> Vr.OW;
            case PIXEL_MEASURES_SEQUENCE, FRAME_VOI_LUT_SEQUENCE, PIXEL_VALUE_TRANSFORMATION_SEQUENCE,
                    PLANE_POSITION_SEQUENCE, PLANE_ORIENTATION_SEQUENCE, SHARED_FUNCTIONAL_GROUPS_SEQUENCE,
                    PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE -> Vr.SQ;
            default -> Vr.UN;
        };
    }

    /** "(gggg,eeee)" for messages. */
    static String toString(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
