package io.radstream.dicom;

import java.util.Optional;

/**
  * Transfer syntaxes known to RadStream (PS3.5 section 10 and Annex A). Every constant here has a
  * data set encoding the reader understands, so {@link DicomReader#readHeader} works for all of
  * them; {@link #supported()} says whether {@link DicomReader#readImage} can decode the pixels.
  * A UID not listed here is refused with
  * {@link DicomParseException.Reason#UNSUPPORTED_TRANSFER_SYNTAX}: its encoding would be a guess.
  */
public enum TransferSyntax {
    IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", false, false, false, false, true),
    EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", true, false, false, false, true),
    EXPLICIT_VR_BIG_ENDIAN("1.2.840.10008.1.2.2", true, true, false, false, true),
    DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1.99", true, false, true, false, true),
    RLE_LOSSLESS("1.2.840.10008.1.2.5", true, false, false, true, true),
    /** JPEG Baseline (Process 1), 8-bit; decoded with the JDK's javax.imageio JPEG reader. */
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", true, false, false, true, true),
    /** JPEG Extended (Process 2 and 4): 12-bit, which the JDK decoder cannot read. */
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", true, false, false, true, false),
    /** JPEG Lossless, Non-Hierarchical (Process 14), 2 to 16 bits; decoded with TwelveMonkeys' reader. */
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", true, false, false, true, true),
    /** JPEG Lossless, Process 14 with first-order prediction (selection value 1): the common one. */
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", true, false, false, true, true),
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", true, false, false, true, false),
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", true, false, false, true, false),
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", true, false, false, true, false),
    JPEG_2000("1.2.840.10008.1.2.4.91", true, false, false, true, false),
    JPEG_2000_MC_LOSSLESS("1.2.840.10008.1.2.4.92", true, false, false, true, false),
    JPEG_2000_MC("1.2.840.10008.1.2.4.93", true, false, false, true, false),
    MPEG2_MAIN("1.2.840.10008.1.2.4.100", true, false, false, true, false),
    MPEG2_HIGH("1.2.840.10008.1.2.4.101", true, false, false, true, false),
    MPEG4_HP41("1.2.840.10008.1.2.4.102", true, false, false, true, false),
    MPEG4_HP41_BD("1.2.840.10008.1.2.4.103", true, false, false, true, false),
    MPEG4_HP42_2D("1.2.840.10008.1.2.4.104", true, false, false, true, false),
    MPEG4_HP42_3D("1.2.840.10008.1.2.4.105", true, false, false, true, false),
    MPEG4_HP42_STEREO("1.2.840.10008.1.2.4.106", true, false, false, true, false),
    HEVC_MAIN("1.2.840.10008.1.2.4.107", true, false, false, true, false),
    HEVC_MAIN10("1.2.840.10008.1.2.4.108", true, false, false, true, false),
    HTJ2K_LOSSLESS("1.2.840.10008.1.2.4.201", true, false, false, true, false),
    HTJ2K_LOSSLESS_RPCL("1.2.840.10008.1.2.4.202", true, false, false, true, false),
    HTJ2K("1.2.840.10008.1.2.4.203", true, false, false, true, false),
    DEFLATED_IMAGE_FRAME("1.2.840.10008.1.2.8.1", true, false, false, true, false);

    private final String uid;
    private final boolean explicitVr;
    private final boolean bigEndian;
    private final boolean deflated;
    private final boolean encapsulated;
    private final boolean supported;

    TransferSyntax(String uid, boolean explicitVr, boolean bigEndian, boolean deflated,
            boolean encapsulated, boolean supported) {
        this.uid = uid;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.deflated = deflated;
        this.encapsulated = encapsulated;
        this.supported = supported;
    }

    /** The Transfer Syntax UID. */
    public String uid() {
        return uid;
    }

    /** Whether data elements carry their VR. */
    public boolean explicitVr() {
        return explicitVr;
    }

    /** Whether the data set is big endian (retired Explicit VR Big Endian). */
    public boolean bigEndian() {
        return bigEndian;
    }

    /** Whether the data set after the File Meta is deflated (RFC 1951, no zlib header). */
    public boolean deflated() {
        return deflated;
    }

    /** Whether Pixel Data is a sequence of compressed fragments. */
    public boolean encapsulated() {
        return encapsulated;
    }

    /** Whether {@link DicomReader#readImage} decodes the pixel data of this syntax. */
    public boolean supported() {
        return supported;
    }

    /** The constant for {@code uid} (trailing NUL/space ignored), or empty if unknown. */
    public static Optional<TransferSyntax> forUid(String uid) {
        if (uid == null) {
            return Optional.empty();
        }
        String trimmed = uid.strip().replace("\0", "");
        for (TransferSyntax ts : values()) {
            if (ts.uid.equals(trimmed)) {
                return Optional.of(ts);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code uid} names a syntax whose pixel data {@link DicomReader#readImage} decodes. */
    public static boolean isDecodable(String uid) {
        return forUid(uid).map(TransferSyntax::supported).orElse(false);
    }
}
