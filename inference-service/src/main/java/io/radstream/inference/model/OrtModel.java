package io.radstream.inference.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * One ONNX Runtime session of one model on one device, created once and reused. Inputs are written
 * into a reused direct, native-order buffer (no copy into ONNX Runtime); every tensor and result is
 * closed. Not thread-safe: each device has its own inference thread.
 */
public final class OrtModel implements AutoCloseable {

    private final ModelDescriptor descriptor;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String device;
    private FloatBuffer inputBuffer = ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder()).asFloatBuffer();

    OrtModel(ModelDescriptor descriptor, Path onnxFile, OrtDevice device, int intraOpThreads) throws OrtException {
        this(descriptor, onnxFile, device, intraOpThreads, true);
    }

    /**
     * @param spinning whether idle intra-op threads spin-wait for the next run (lowest latency for back-to-back
     *                 runs, but on a small CPU they take cycles from fetching, decoding and Kafka)
     */
    OrtModel(ModelDescriptor descriptor, Path onnxFile, OrtDevice device, int intraOpThreads, boolean spinning)
            throws OrtException {
        this.descriptor = descriptor;
        this.environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            options.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.device = device.configure(options);
            this.session = environment.createSession(onnxFile.toString(), options);
        }
        try {
            checkInputMatchesDescriptor();
        } catch (IllegalArgumentException e) {
            session.close();
            throw e;
        }
    }

    /** The ONNX graph must have the descriptor's input, and every fixed dimension must agree. */
    private void checkInputMatchesDescriptor() throws OrtException {
        String name = descriptor.input().name();
        NodeInfo input = session.getInputInfo().get(name);
        if (input == null || !(input.getInfo() instanceof TensorInfo tensor)) {
            throw new IllegalArgumentException(descriptor.id() + ": the ONNX graph has no tensor input '" + name
                    + "' (inputs: " + session.getInputNames() + ")");
        }
        long[] actual = tensor.getShape();
        List<Long> declared = descriptor.input().impliedShape();
        boolean agrees = actual.length == declared.size();
        for (int i = 0; agrees && i < actual.length; i++) {
            agrees = actual[i] <= 0 || actual[i] == declared.get(i);
        }
        if (!agrees) {
            throw new IllegalArgumentException(descriptor.id() + ": descriptor input shape " + declared
                    + " does not fit the ONNX input " + java.util.Arrays.toString(actual));
        }
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /** The device the session runs on, e.g. {@code cpu} or {@code cuda:0}. */
    public String device() {
        return device;
    }

    /** Runs a batch held in one array of {@code shape[0]} items in NCHW order (tests, parity checks). */
    public Map<String, Tensor> run(float[] input, long[] shape) throws OrtException {
        return run(shape, List.of(input));
    }

    /**
     * Runs a batch of {@code shape[0]} items. The items are written one after the other into the reused
     * direct, native-order input buffer, which ONNX Runtime reads in place (no further copy).
     *
     * @return every output of the model by name
     */
    public Map<String, Tensor> run(long[] shape, List<float[]> items) throws OrtException {
        int floats = 0;
        for (float[] item : items) {
            floats += item.length;
        }
        FloatBuffer buffer = reusableBuffer(floats);
        items.forEach(buffer::put);
        buffer.flip();
        Map<String, Tensor> outputs = new HashMap<>();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, buffer, shape);
             OrtSession.Result result = session.run(Map.of(descriptor.input().name(), tensor))) {
            for (Map.Entry<String, OnnxValue> entry : result) {
                outputs.put(entry.getKey(), toTensor((OnnxTensor) entry.getValue()));
            }
        }
        return outputs;
    }

    public List<String> outputNames() {
        return List.copyOf(session.getOutputNames());
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    private FloatBuffer reusableBuffer(int floats) {
        if (inputBuffer.capacity() < floats) {
            inputBuffer = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        inputBuffer.clear();
        inputBuffer.limit(floats);
        return inputBuffer;
    }

    private static Tensor toTensor(OnnxTensor tensor) {
        FloatBuffer values = tensor.getFloatBuffer();
        float[] data = new float[values.remaining()];
        values.get(data);
        return new Tensor(tensor.getInfo().getShape(), data);
    }
}
