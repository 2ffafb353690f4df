package io.radstream.inference.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.radstream.localstack.SampleFiles;
import io.radstream.schemas.events.ImageFormat;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void shouldDecodeARealCtSliceToHounsfieldUnitsWithPixelSpacing() throws IOException {
        List<DecodedImage> frames = decoder.decode(Files.readAllBytes(SampleFiles.dicomSample("CT_small.dcm")),
                ImageFormat.DICOM);

        DecodedImage ct = frames.get(0);
        assertThat(frames).hasSize(1);
        assertThat(ct.width()).isEqualTo(128);
        assertThat(ct.pixelSpacingMm()).hasSize(2);
        float[] range = Preprocessor.range(ct.values());
        assertThat(range[0]).as("air and table are far below water").isLessThan(-500);
        assertThat(range[1]).as("bone is above water").isGreaterThan(100);
    }

    @Test
    void shouldDecodePngGreyValuesUnchanged() throws IOException {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setPixels(0, 0, 3, 1, new int[] {0, 128, 255});

        DecodedImage decoded = decoder.decode(encode(image, "png"), ImageFormat.PNG).get(0);

        assertThat(decoded.values()).containsExactly(0f, 128f, 255f);
        assertThat(decoded.monochrome1()).isFalse();
    }

    @Test
    void shouldTurnColourJpegIntoLuminance() throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 64; i++) {
            image.setRGB(i % 8, i / 8, 0xFFFFFF);
        }

        DecodedImage decoded = decoder.decode(encode(image, "jpg"), ImageFormat.JPEG).get(0);

        assertThat(decoded.values()[27]).isBetween(250f, 256f);
    }

    @Test
    void shouldRefuseUndecodableBytesWithItsOwnException() {
        assertThatThrownBy(() -> decoder.decode("not an image".getBytes(), ImageFormat.PNG))
                .isInstanceOf(ImageDecoder.UndecodableImageException.class);
        assertThatThrownBy(() -> decoder.decode(new byte[300], ImageFormat.DICOM))
                .isInstanceOf(ImageDecoder.UndecodableImageException.class);
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
