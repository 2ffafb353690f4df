package io.radstream.ingest.stow;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.MediaType;

import io.radstream.ingest.RequestRefusedException;

/**
 * The Content-Type of a STOW-RS request: {@code multipart/related; type="application/dicom"; boundary=...}.
 * Anything else is refused with the status PS3.18 prescribes (415 wrong type, 400 malformed).
 */
record StowContentType(byte[] boundary) {

    /**
     * RFC 2046 allows 70 characters, but Orthanc's DICOMweb plugin sends 73 (two UUIDs); accept senders
     * that overshoot while still bounding what the parser has to match.
     */
    static final int MAX_BOUNDARY = 200;

    static StowContentType parse(String header) {
        MediaType mediaType;
        try {
            mediaType = MediaType.valueOf(header);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RequestRefusedException(415, "Content-Type must be multipart/related; type=\"application/dicom\"");
        }
        if (!"multipart".equalsIgnoreCase(mediaType.getType()) || !"related".equalsIgnoreCase(mediaType.getSubtype())) {
            throw new RequestRefusedException(415, "Content-Type must be multipart/related, got " + mediaType.getType() + "/"
                    + mediaType.getSubtype());
        }
        String type = mediaType.getParameters().get("type");
        if (type == null) {
            throw new RequestRefusedException(400, "multipart/related needs a type parameter (type=\"application/dicom\")");
        }
        if (!"application/dicom".equalsIgnoreCase(type.trim())) {
            throw new RequestRefusedException(415, "Only type=\"application/dicom\" is supported, got " + type);
        }
        String boundary = mediaType.getParameters().get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            throw new RequestRefusedException(400, "multipart/related needs a boundary parameter of 1 to " + MAX_BOUNDARY
                    + " characters");
        }
        return new StowContentType(boundary.getBytes(StandardCharsets.ISO_8859_1));
    }
}
