package io.radstream.ingest;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;
import java.nio.charset.StandardCharsets;

import io.radstream.localstack.RadStreamStackResource;
import io.radstream.localstack.TopicReader;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.ImageArrived;

/** What the ingest integration tests share: STOW-RS request bodies and a reader of both image lanes. */
public final class StowBodies {

    public static final String BOUNDARY = "radstream-test-boundary";
    public static final String STOW_TYPE = "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY;

    private StowBodies() {
    }

    /** A multipart/related body with one application/dicom part per instance. */
    public static byte[] multipart(byte[]... instances) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] instance : instances) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(instance);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Reads the STAT and routine lanes of the shared test broker from the beginning. */
    public static TopicReader<ImageArrived> lanes() {
        return new TopicReader<>(RadStreamStackResource.stack().kafka().bootstrapServers(), Topics.IMAGES_STAT,
                Topics.IMAGES_ROUTINE);
    }

    /** A grey gradient PNG. */
    public static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, (x * 7 + y * 13) % 256);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
