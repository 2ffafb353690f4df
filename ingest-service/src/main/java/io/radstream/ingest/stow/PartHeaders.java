package io.radstream.ingest.stow;

import java.util.Locale;

/** Reads the few MIME part headers STOW-RS needs. */
final class PartHeaders {

    private PartHeaders() {
    }

    /** The part's Content-Type without parameters, lower case; application/dicom when absent. */
    static String contentType(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Type")) {
                String value = line.substring(colon + 1).trim();
                int semicolon = value.indexOf(';');
                return (semicolon >= 0 ? value.substring(0, semicolon) : value).trim().toLowerCase(Locale.ROOT);
            }
        }
        return "application/dicom";
    }
}
