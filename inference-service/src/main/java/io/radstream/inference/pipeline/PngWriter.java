package io.radstream.inference.pipeline;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Renders derived images (heatmap overlays, masks, enhanced images) as PNG with ImageIO. */
final class PngWriter {

    private PngWriter() {
    }

    /** 8-bit grey PNG of values in [0,1]. */
    static byte[] grey(float[] values, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = to8bit(values[y * width + x]);
                image.getRaster().setSample(x, y, 0, v);
            }
        }
        return encode(image);
    }

    /** The grey image with {@code heat} (values in [0,1]) blended in red-yellow on top. */
    static byte[] overlay(float[] grey, float[] heat, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < grey.length; i++) {
            int g = to8bit(grey[i]);
            float a = 0.55f * clamp(heat[i]);
            int r = Math.round(g * (1 - a) + 255 * a);
            int gr = Math.round(g * (1 - a) + 255 * clamp(heat[i] * 2 - 1) * a);
            int b = Math.round(g * (1 - a));
            image.setRGB(i % width, i / width, (r << 16) | (gr << 8) | b);
        }
        return encode(image);
    }

    private static int to8bit(float v) {
        return Math.round(clamp(v) * 255);
    }

    private static float clamp(float v) {
        return Float.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    private static byte[] encode(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
