package io.radstream.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
  * Finds where the data set starts and how it is encoded: a Part 10 preamble + "DICM" + File Meta
  * (group 0002, Explicit VR Little Endian), a File Meta without preamble, or a bare data set whose
  * encoding is sniffed from its first element (see {@link DataSetSniffer}).
  */
final class FileMetaReader {
    private static final int PREAMBLE = 128;
    private static final int MAX_META_ELEMENT = 1 << 16;

    private FileMetaReader() {}

    /** Consumes the preamble and File Meta (if any) and returns the data set's transfer syntax. */
    static TransferSyntax read(DicomInput in) throws IOException, DicomParseException {
        byte[] head = new byte[PREAMBLE + 4];
        int n = in.readAvailable(head, 0, head.length);
        if (n == 0) {
            throw DicomParseException.cannotUnderstand("empty input");
        }
        if (n == head.length && isDicm(head, PREAMBLE)) {
            return readMeta(in);
        }
        DataSetSniffer.Start start = DataSetSniffer.find(head, n);
        if (start == null) {
            throw DicomParseException.cannotUnderstand(
                    "not DICOM: no DICM prefix and no recognisable data set start");
        }
        in.unread(head, start.offset(), n - start.offset());
        return start.fileMeta() ? readMeta(in) : start.syntax();
    }

    private static TransferSyntax readMeta(DicomInput in) throws IOException, DicomParseException {
        String uid = null;
        byte[] tagBytes = new byte[4];
        byte[] header = new byte[4];
        while (in.readOrEnd(tagBytes, 4)) {
            int tag = Bytes.tag(tagBytes, 0, false);
            if ((tag >>> 16) != 0x0002) {
                in.unread(tagBytes, 0, 4);
                break;
            }
            in.readFully(header, 4);
            Vr vr = Vr.of(header[0], header[1]);
            if (vr == null) {
                throw DicomParseException.cannotUnderstand("invalid VR in File Meta " + Tags.toString(tag));
            }
            long length = Bytes.u16(header, 2, false);
            if (vr.longLength()) {
                in.readFully(header, 4);
                length = Bytes.u32(header, 0, false);
            }
            if (length > MAX_META_ELEMENT) {
                throw DicomParseException.cannotUnderstand("File Meta element " + Tags.toString(tag)
                        + " declares " + length + " bytes");
            }
            if (tag == Tags.TRANSFER_SYNTAX_UID) {
                uid = new Value(tag, vr, in.readValue(length), false).text();
            } else {
                in.skip(length);
            }
        }
        return syntax(uid);
    }

    private static TransferSyntax syntax(String uid) throws DicomParseException {
        if (uid == null) {
            throw DicomParseException.cannotUnderstand("File Meta has no Transfer Syntax UID");
        }
        return TransferSyntax.forUid(uid).orElseThrow(() -> DicomParseException.unsupported(
                "transfer syntax " + printable(uid) + " is not supported"));
    }

    private static String printable(String uid) {
        String shown = uid.length() > 64 ? uid.substring(0, 64) + "..." : uid;
        return shown.replaceAll("[^0-9A-Za-z.]", "?");
    }

    private static boolean isDicm(byte[] b, int off) {
        return new String(b, off, 4, StandardCharsets.ISO_8859_1).equals("DICM");
    }
}
