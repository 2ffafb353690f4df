package io.radstream.dicom;

/** Photometric Interpretation values (PS3.3 C.7.6.3.1.2) and their sample counts. */
enum Photometric {
    MONOCHROME1(1), MONOCHROME2(1), PALETTE_COLOR(1), RGB(3), YBR_FULL(3), YBR_FULL_422(3),
    YBR_PARTIAL_420(3), YBR_ICT(3), YBR_RCT(3);

    private final int samplesPerPixel;

    Photometric(int samplesPerPixel) {
        this.samplesPerPixel = samplesPerPixel;
    }

    int samplesPerPixel() {
        return samplesPerPixel;
    }

    boolean isMonochrome() {
        return this == MONOCHROME1 || this == MONOCHROME2;
    }

    /** The value for the attribute text, or null when it is not a known interpretation. */
    static Photometric parse(String text) {
        if (text == null) {
            return null;
        }
        for (Photometric p : values()) {
            if (p.name().replace('_', ' ').equals(text) || p.name().equals(text)) {
                return p;
            }
        }
        return null;
    }
}
