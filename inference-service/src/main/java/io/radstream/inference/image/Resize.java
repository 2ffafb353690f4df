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
        // the source columns and weight of every destination column, computed once rather than per row
        int[] x0 = new int[dstW];
        int[] x1 = new int[dstW];
        double[] fx = new double[dstW];
        for (int x = 0; x < dstW; x++) {
            double sx = Math.max(0, (x + 0.5) * scaleX - 0.5);
            x0[x] = Math.min((int) sx, srcW - 1);
            x1[x] = Math.min(x0[x] + 1, srcW - 1);
            fx[x] = sx - x0[x];
        }
        for (int y = 0; y < dstH; y++) {
            double sy = Math.max(0, (y + 0.5) * scaleY - 0.5);
            int y0 = Math.min((int) sy, srcH - 1);
            int y1 = Math.min(y0 + 1, srcH - 1);
            double fy = sy - y0;
            int top = y0 * srcW;
            int bottom = y1 * srcW;
            int out = y * dstW;
            for (int x = 0; x < dstW; x++) {
                double t = src[top + x0[x]] * (1 - fx[x]) + src[top + x1[x]] * fx[x];
                double b = src[bottom + x0[x]] * (1 - fx[x]) + src[bottom + x1[x]] * fx[x];
                dst[out + x] = (float) (t * (1 - fy) + b * fy);
            }
        }
        return dst;
    }
}
