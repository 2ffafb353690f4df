package io.radstream.inference.pipeline;

import java.io.ByteArrayOutputStream;

import ar.com.hjg.pngj.FilterType;
import ar.com.hjg.pngj.ImageInfo;
import ar.com.hjg.pngj.ImageLineByte;

/**
 * Renders derived images (heatmap overlays, masks, enhanced images) as 8-bit PNG with PNGJ, row by
 * row straight from the float planes. Encoding speed matters more than size here (one overlay per
 * positive label, on the finish threads): the Sub filter and deflate level 1 encode a 224x224 RGB
 * overlay about twice as fast as ImageIO's writer at its fastest compressing level (which tries
 * every filter on every row) and give a smaller file.
 */
final class PngWriter {

    private static final int DEFLATE_LEVEL = 1;

    private PngWriter() {
    }

    /** 8-bit grey PNG of values in [0,1]. */
    static byte[] grey(float[] values, int width, int height) {
        ImageInfo info = new ImageInfo(width, height, 8, false, true, false);
        return encode(info, (y, row) -> {
            for (int x = 0; x < width; x++) {
                row[x] = (byte) to8bit(values[y * width + x]);
            }
        });
    }

    /** The grey image with {@code heat} (values in [0,1]) blended in red-yellow on top, as RGB. */
    static byte[] overlay(float[] grey, float[] heat, int width, int height) {
        ImageInfo info = new ImageInfo(width, height, 8, false);
        return encode(info, (y, row) -> {
            for (int x = 0, i = y * width; x < width; x++, i++) {
                int g = to8bit(grey[i]);
                float a = 0.55f * clamp(heat[i]);
                row[3 * x] = (byte) Math.round(g * (1 - a) + 255 * a);
                row[3 * x + 1] = (byte) Math.round(g * (1 - a) + 255 * clamp(heat[i] * 2 - 1) * a);
                row[3 * x + 2] = (byte) Math.round(g * (1 - a));
            }
        });
    }

    private static int to8bit(float v) {
        return Math.round(clamp(v) * 255);
    }

    private static float clamp(float v) {
        return Float.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    private static byte[] encode(ImageInfo info, RowFiller filler) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(info.cols * info.rows * info.channels / 2 + 1024);
        ar.com.hjg.pngj.PngWriter png = new ar.com.hjg.pngj.PngWriter(out, info);
        png.setCompLevel(DEFLATE_LEVEL);
        png.setFilterType(FilterType.FILTER_SUB);
        ImageLineByte line = new ImageLineByte(info);
        byte[] row = line.getScanline();
        for (int y = 0; y < info.rows; y++) {
            filler.fill(y, row);
            png.writeRow(line);
        }
        png.end();
        return out.toByteArray();
    }

    /** Writes the samples of row {@code y} into {@code row} (channels interleaved). */
    private interface RowFiller {
        void fill(int y, byte[] row);
    }
}
