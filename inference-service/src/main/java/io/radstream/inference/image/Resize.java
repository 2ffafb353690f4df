package io.radstream.inference.image;

/**
 * Bilinear resampling of a float plane with half-pixel centres (PyTorch {@code interpolate(...,
 * mode="bilinear", align_corners=False)}). Written here rather than taken from java.awt because the
 * models were trained with exactly this arithmetic on float HU/intensity values, and AWT's
 * resampling works on 8/16-bit rasters and rounds.
 */
public final class Resize {

    private Resize() {
    }

    public static float[] bilinear(float[] src, int srcW, int srcH, int dstW, int dstH) {
        if (srcW == dstW && srcH == dstH) {
            return src;
        }
        float[] dst = new float[dstW * dstH];
        double scaleX = (double) srcW / dstW;
        double scaleY = (double) srcH / dstH;
        for (int y = 0; y < dstH; y++) {
            double sy = Math.max(0, (y + 0.5) * scaleY - 0.5);
            int y0 = Math.min((int) sy, srcH - 1);
            int y1 = Math.min(y0 + 1, srcH - 1);
            double fy = sy - y0;
            for (int x = 0; x < dstW; x++) {
                double sx = Math.max(0, (x + 0.5) * scaleX - 0.5);
                int x0 = Math.min((int) sx, srcW - 1);
                int x1 = Math.min(x0 + 1, srcW - 1);
                double fx = sx - x0;
                double top = src[y0 * srcW + x0] * (1 - fx) + src[y0 * srcW + x1] * fx;
                double bottom = src[y1 * srcW + x0] * (1 - fx) + src[y1 * srcW + x1] * fx;
                dst[y * dstW + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return dst;
    }
}
