package io.radstream.dicom;

/** Value Representations (PS3.5 6.2) and the length-field form each uses in explicit VR. */
enum Vr {
    AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB(true), OD(true), OF(true), OL(true), OV(true),
    OW(true), PN, SH, SL, SQ(true), SS, ST, SV(true), TM, UC(true), UI, UL, UN(true), UR(true), US,
    UT(true), UV(true);

    private final boolean longLength;

    Vr() {
        this(false);
    }

    Vr(boolean longLength) {
        this.longLength = longLength;
    }

    /** Whether explicit VR encodes this VR with 2 reserved bytes and a 32-bit length. */
    boolean longLength() {
        return longLength;
    }

    /** Whether values are character strings (decoded as ISO-8859-1). */
    boolean isString() {
        return switch (this) {
            case AE, AS, CS, DA, DS, DT, IS, LO, LT, PN, SH, ST, TM, UC, UI, UR, UT -> true;
            default -> false;
        };
    }

    /** The VR spelled by two bytes, or null when they are not a VR. */
    static Vr of(int first, int second) {
        if (first < 'A' || first > 'Z' || second < 'A' || second > 'Z') {
            return null;
        }
        return LOOKUP[(first - 'A') * 26 + (second - 'A')];
    }

    private static final Vr[] LOOKUP = new Vr[26 * 26];

    static {
        for (Vr vr : values()) {
            String name = vr.name();
            LOOKUP[(name.charAt(0) - 'A') * 26 + (name.charAt(1) - 'A')] = vr;
        }
    }
}
