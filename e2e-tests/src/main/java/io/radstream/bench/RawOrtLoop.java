package io.radstream.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * The reference: a plain Java loop over ONNX Runtime (same artifact and device as the service, all graph
 * optimisations, default threads), one reused direct input buffer, no Kafka, no S3,
 * no decoding. Reports images/s per batch size; the best one is {@code raw_ort_ips}.
 */
final class RawOrtLoop {

    private RawOrtLoop() {
    }

    /** Images per second for each batch size, each measured over at least {@code images} images. */
    static Map<Integer, Double> measure(Path onnx, String inputName, int channels, int size, List<Integer> batchSizes,
                                        int images, int cudaIndex) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<Integer, Double> ips = new LinkedHashMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (cudaIndex >= 0) {
                options.addCUDA(cudaIndex); // the GPU build (-Pgpu) on a GPU machine; fails loudly otherwise
            }
            try (OrtSession session = env.createSession(onnx.toString(), options)) {
                for (int batch : batchSizes) {
                    ips.put(batch, run(env, session, inputName, new long[] {batch, channels, size, size}, images));
                }
            }
        }
        return ips;
    }

    private static double run(OrtEnvironment env, OrtSession session, String inputName, long[] shape, int images)
            throws OrtException {
        int floats = (int) (shape[0] * shape[1] * shape[2] * shape[3]);
        FloatBuffer input = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        Random random = new Random(7);
        for (int i = 0; i < floats; i++) {
            input.put(i, random.nextFloat());
        }
        once(env, session, inputName, input, shape); // warm-up: allocations, kernel selection
        int runs = Math.max(2, (int) Math.ceil((double) images / shape[0]));
        long t0 = System.nanoTime();
        for (int r = 0; r < runs; r++) {
            once(env, session, inputName, input, shape);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return runs * shape[0] / seconds;
    }

    private static void once(OrtEnvironment env, OrtSession session, String inputName, FloatBuffer input, long[] shape)
            throws OrtException {
        input.rewind();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            result.get(0).getValue();
        }
    }
}
