package io.radstream.dicom;

/**
  * Modality rescale of one frame: stored value x maps to {@code x * slope + intercept}.
  * Enhanced multi-frame objects may carry it per frame (Pixel Value Transformation macro).
  */
record Rescale(double slope, double intercept) {

    /** The rescale for frame {@code index}: top level or shared, else that frame's own group. */
    static Rescale forFrame(AttributeCollector a, DicomHeader header, int index)
            throws DicomParseException {
        Rescale common = new Rescale(header.rescaleSlope(), header.rescaleIntercept());
        if (a.topOrShared(Tags.RESCALE_SLOPE) != null
                || a.topOrShared(Tags.RESCALE_INTERCEPT) != null) {
            return common;
        }
        Value slope = a.perFrame(index, Tags.RESCALE_SLOPE);
        Value intercept = a.perFrame(index, Tags.RESCALE_INTERCEPT);
        if (slope == null && intercept == null) {
            return common;
        }
        return new Rescale(HeaderFactory.slope(slope), HeaderFactory.intercept(intercept));
    }
}
