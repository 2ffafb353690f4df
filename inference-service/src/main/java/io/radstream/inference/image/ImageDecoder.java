package io.radstream.inference.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

import io.radstream.dicom.DicomHeader;
import io.radstream.dicom.DicomImage;
import io.radstream.dicom.DicomParseException;
import io.radstream.dicom.DicomReader;
import io.radstream.dicom.PixelFrame;
import io.radstream.schemas.events.ImageFormat;

/** Turns stored objects into grey frames: DICOM through the dicom module, PNG/JPEG through ImageIO. */
public final class ImageDecoder {

    private final DicomReader dicom = DicomReader.create();

    /** All frames of the object; throws {@link UndecodableImageException} for anything it cannot read. */
    public List<DecodedImage> decode(byte[] bytes, ImageFormat format) {
        return format == ImageFormat.DICOM ? decodeDicom(bytes) : List.of(decodeRaster(bytes));
    }

    private List<DecodedImage> decodeDicom(byte[] bytes) {
        DicomImage image;
        try {
            image = dicom.readImage(new ByteArrayInputStream(bytes));
        } catch (DicomParseException e) {
            throw new UndecodableImageException("DICOM " + e.reason() + ": " + e.getMessage());
        }
        DicomHeader h = image.header();
        boolean monochrome1 = "MONOCHROME1".equals(h.photometricInterpretation());
        SlicePlane plane = SlicePlane.of(h);
        List<DecodedImage> frames = new ArrayList<>();
        for (PixelFrame frame : image.frames()) {
            frames.add(new DecodedImage(frame.columns(), frame.rows(), grey(frame), monochrome1,
                    frame.samplesPerPixel() == 1 ? h.rescaleSlope() : 1, frame.samplesPerPixel() == 1 ? h.rescaleIntercept() : 0,
                    h.pixelSpacing(), plane));
        }
        if (frames.isEmpty()) {
            throw new UndecodableImageException("DICOM object has no pixel data");
        }
        return frames;
    }

    private static DecodedImage decodeRaster(byte[] bytes) {
        BufferedImage image;
        try {
            // an in-memory stream (ImageIO.read(InputStream) caches through a temporary file per image);
            // ImageIO.read closes it, and it holds nothing but the array
            image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            throw new UndecodableImageException("Image cannot be decoded: " + e.getMessage());
        }
        if (image == null) {
            throw new UndecodableImageException("No decoder for this image");
        }
        return new DecodedImage(image.getWidth(), image.getHeight(), grey(image), false, 1, 0, null);
    }

    private static float[] grey(PixelFrame frame) {
        if (frame.samplesPerPixel() == 1) {
            return frame.samples();
        }
        float[] rgb = frame.samples();
        float[] grey = new float[frame.rows() * frame.columns()];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = luminance(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
        }
        return grey;
    }

    /** Grey values of the first band (grey images) or the luma of the first three, read a row at a time. */
    private static float[] grey(BufferedImage image) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int bands = raster.getNumBands();
        float[] grey = new float[w * h];
        float[] row = new float[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int p = x * bands;
                grey[y * w + x] = bands >= 3 ? luminance(row[p], row[p + 1], row[p + 2]) : row[p];
            }
        }
        return grey;
    }

    /** ITU-R BT.601 luma, as used for RGB to grey conversion in radiology viewers. */
    private static float luminance(float r, float g, float b) {
        return 0.299f * r + 0.587f * g + 0.114f * b;
    }

    /** The object cannot be decoded into pixels. */
    public static final class UndecodableImageException extends RuntimeException {
        public UndecodableImageException(String message) {
            super(message);
        }
    }
}
