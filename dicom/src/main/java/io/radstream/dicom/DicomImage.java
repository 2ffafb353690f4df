package io.radstream.dicom;

import java.util.List;

/**
  * A fully decoded DICOM image.
  *
  * @param header the attributes of the object
  * @param frames one decoded frame per Number of Frames, in order (an unmodifiable list)
  */
public record DicomImage(DicomHeader header, List<PixelFrame> frames) {

    /** Makes the frame list unmodifiable. */
    public DicomImage {
        frames = List.copyOf(frames);
    }
}
