package io.radstream.inference.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.radstream.inference.model.ModelDescriptor;
import io.radstream.inference.model.ModelDescriptor.Input;
import io.radstream.inference.model.ModelDescriptor.Window;

class PreprocessorTest {

    static ModelDescriptor model(Input input) {
        return new ModelDescriptor("m", "1", "classification", "model.onnx", "x", false, null, input, null, null, null, null);
    }

    @Test
    void shouldApplyTheBrainWindowToHounsfieldUnits() {
        Input input = new Input("image", null, 1, 1, 3, true, true, "window", new Window(40, 80), List.of(0.0), List.of(1.0));
        DecodedImage ct = new DecodedImage(3, 1, new float[] {-1000, 40, 1000}, false, 1, -1024, null);

        float[] tensor = Preprocessor.toTensor(model(input), ct);

        assertThat(tensor).containsExactly(0f, 0.5f, 1f);
    }

    @Test
    void shouldInvertMonochrome1BeforeMinMaxScaling() {
        Input input = new Input("image", null, 1, 1, 2, true, true, "minmax", null, List.of(0.5), List.of(0.5));
        DecodedImage dark = new DecodedImage(2, 1, new float[] {0, 100}, true, 1, 0, null);

        float[] tensor = Preprocessor.toTensor(model(input), dark);

        assertThat(tensor[0]).isCloseTo(1f, offset(1e-6f));   // (1 - 0.5) / 0.5
        assertThat(tensor[1]).isCloseTo(-1f, offset(1e-6f));
    }

    @Test
    void shouldUndoRescaleWhenTheModelWantsStoredValues() {
        Input input = new Input("image", null, 1, 1, 2, false, false, "window", new Window(1024, 2048), null, null);
        DecodedImage ct = new DecodedImage(2, 1, new float[] {-1024, 1024}, false, 1, -1024, null);

        assertThat(Preprocessor.toTensor(model(input), ct)).containsExactly(0f, 1f);
    }

    @Test
    void shouldResizeToTheModelSizeAndReplicateChannels() {
        Input input = new Input("image", null, 3, 2, 2, true, false, "minmax", null, null, null);
        DecodedImage big = new DecodedImage(4, 4, new float[16], false, 1, 0, null);

        assertThat(Preprocessor.toTensor(model(input), big)).hasSize(3 * 2 * 2);
    }

    @Test
    void shouldResizeBilinearlyWithHalfPixelCentres() {
        float[] out = Resize.bilinear(new float[] {0, 1}, 2, 1, 4, 1);
        assertThat(out).containsExactly(0f, 0.25f, 0.75f, 1f);
    }
}
