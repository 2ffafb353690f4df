package io.radstream.inference.model;

import java.util.Arrays;

/**
 * A dense float tensor in row-major order, as read back from ONNX Runtime.
 *
 * @param shape dimensions, batch first
 * @param data  values
 */
public record Tensor(long[] shape, float[] data) {

    /** Elements of one batch item. */
    public int itemSize() {
        long size = 1;
        for (int i = 1; i < shape.length; i++) {
            size *= shape[i];
        }
        return (int) size;
    }

    /** A copy of the values of batch item {@code index}. */
    public float[] item(int index) {
        int size = itemSize();
        return Arrays.copyOfRange(data, index * size, (index + 1) * size);
    }

    public int dim(int axis) {
        return (int) shape[axis];
    }
}
