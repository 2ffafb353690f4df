package io.radstream.inference.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class PngWriterTest {

    @Test
    void shouldWriteAGreyPngThatImageIoReadsBackPixelForPixel() throws Exception {
        float[] values = {0f, 0.5f, 1f, 2f, -1f, Float.NaN};

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(PngWriter.grey(values, 3, 2)));

        assertThat(image.getRaster().getNumBands()).isEqualTo(1);
        assertThat(image.getRaster().getPixels(0, 0, 3, 2, (int[]) null)).containsExactly(0, 128, 255, 255, 0, 0);
    }

    @Test
    void shouldBlendTheHeatmapInRedAndYellowOverTheGreyImage() throws Exception {
        float[] grey = {0.2f, 0.2f, 0.2f, 0.8f};
        float[] heat = {0f, 0.5f, 1f, 0f};

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(PngWriter.overlay(grey, heat, 2, 2)));

        int g = Math.round(0.2f * 255);
        assertThat(image.getRGB(0, 0) & 0xFFFFFF).as("no heat: grey").isEqualTo(g << 16 | g << 8 | g);
        float a = 0.55f * 0.5f;
        assertThat(image.getRGB(1, 0) & 0xFFFFFF).as("half heat: red")
                .isEqualTo(Math.round(g * (1 - a) + 255 * a) << 16 | Math.round(g * (1 - a)) << 8 | Math.round(g * (1 - a)));
        a = 0.55f;
        assertThat(image.getRGB(0, 1) & 0xFFFFFF).as("full heat: yellow").isEqualTo(
                Math.round(g * (1 - a) + 255 * a) << 16 | Math.round(g * (1 - a) + 255 * a) << 8 | Math.round(g * (1 - a)));
        int light = Math.round(0.8f * 255);
        assertThat(image.getRGB(1, 1) & 0xFFFFFF).isEqualTo(light << 16 | light << 8 | light);
    }
}
