package io.radstream.ingest.upload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks that a PNG or JPEG decodes completely (ImageIO), after bounding its declared size, so a
 * decompression bomb or a truncated file is refused at the door.
 */
final class RasterProbe {

    static final int MAX_SIDE = 16384;
    static final long MAX_PIXELS = 40_000_000L;

    private RasterProbe() {
    }

    /** Returns {width, height} or throws {@link InvalidImageException}. */
    static int[] probe(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) {
                throw new InvalidImageException("No image decoder recognises the file");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                checkSize(width, height);
                reader.read(0);
                return new int[] {width, height};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidImageException invalid) {
                throw invalid;
            }
            throw new InvalidImageException("The image cannot be decoded: " + e.getMessage());
        }
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw new InvalidImageException("Image size " + width + "x" + height + " is outside the accepted range "
                    + "(at most " + MAX_SIDE + " per side and " + MAX_PIXELS + " pixels)");
        }
    }

    /** The upload is not a usable raster image. */
    static final class InvalidImageException extends RuntimeException {
        InvalidImageException(String message) {
            super(message);
        }
    }
}
