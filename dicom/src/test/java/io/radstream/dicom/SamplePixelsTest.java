package io.radstream.dicom;

import static io.radstream.dicom.DicomParseException.Reason.CANNOT_UNDERSTAND;
import static io.radstream.dicom.DicomParseException.Reason.DATASET_MISMATCH;
import static io.radstream.dicom.DicomParseException.Reason.UNSUPPORTED_TRANSFER_SYNTAX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
  * Decoded pixels against dcmtk: lossless files pixel-exact (reference/pixels.properties holds a
  * SHA-256 of the stored values dcmtk decoded), lossy/colour-converted ones within a bound of
  * dcmtk's RGB output.
  */
class SamplePixelsTest {
    private static final Properties DCMTK = Samples.reference("pixels.properties");

    static Stream<String> losslessFiles() {
        return DCMTK.stringPropertyNames().stream()
                .filter(k -> k.endsWith(".sha256"))
                .map(k -> k.substring(0, k.length() - ".sha256".length()))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("losslessFiles")
    void shouldDecodeLosslessSamplesExactlyLikeDcmtk(String file) throws Exception {
        DicomImage image = Samples.image(file);
        long[] stored = storedValues(image);

        assertThat(image.frames()).hasSize(Integer.parseInt(DCMTK.getProperty(file + ".frames")));
        assertThat(stored).hasSize(Integer.parseInt(DCMTK.getProperty(file + ".samples")));
        assertThat(Arrays.stream(stored).min().orElseThrow()).isEqualTo(reference(file, "min"));
        assertThat(Arrays.stream(stored).max().orElseThrow()).isEqualTo(reference(file, "max"));
        for (String spot : DCMTK.getProperty(file + ".spots").split(",")) {
            String[] indexValue = spot.split(":");
            assertThat(stored[Integer.parseInt(indexValue[0])]).as("sample %s", indexValue[0])
                    .isEqualTo(Long.parseLong(indexValue[1]));
        }
        assertThat(Samples.sha256OfInts(stored)).isEqualTo(DCMTK.getProperty(file + ".sha256"));
    }

    @Test
    void shouldDecodeMrSmallIdenticallyInEveryTransferSyntax() throws Exception {
        float[] explicit = Samples.allSamples(Samples.image("MR_small.dcm"));

        for (String variant : new String[] {"MR_small_implicit.dcm", "MR_small_bigendian.dcm",
                "MR_small_RLE.dcm", "MR_small_padded.dcm"}) {
            assertThat(Samples.allSamples(Samples.image(variant))).as(variant).containsExactly(explicit);
        }
    }

    @Test
    void shouldDecodeCtSmallToHounsfieldUnits() throws Exception {
        DicomImage ct = Samples.image("CT_small.dcm");
        PixelFrame frame = ct.frames().get(0);

        assertThat(ct.header().rescaleIntercept()).isEqualTo(-1024.0);
        assertThat(frame.samplesPerPixel()).isEqualTo(1);
        assertThat(frame.sample(0, 0, 0)).isEqualTo(175 - 1024f);
        assertThat(frame.samples()[8192]).isEqualTo(956 - 1024f);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float hu : frame.samples()) {
            min = Math.min(min, hu);
            max = Math.max(max, hu);
        }
        assertThat(min).isEqualTo(128 - 1024f);
        assertThat(max).isEqualTo(2191 - 1024f);
    }

    @Test
    void shouldDecodeFileWithoutMetaLikeCtSmall() throws Exception {
        DicomImage withMeta = Samples.image("CT_small.dcm");
        DicomImage withoutMeta = Samples.image("no_meta.dcm");

        assertThat(withoutMeta.header()).isEqualTo(withMeta.header());
        assertThat(Samples.allSamples(withoutMeta)).containsExactly(Samples.allSamples(withMeta));
    }

    @Test
    void shouldRefuseTwelveBitJpegExtendedAsUnsupported() throws Exception {
        byte[] jpegLossy = Samples.bytes("JPEG-lossy.dcm");

        assertThat(Samples.header(jpegLossy).bitsStored()).isEqualTo(12);
        assertThat(Samples.imageFailure(jpegLossy)).isEqualTo(UNSUPPORTED_TRANSFER_SYNTAX);
    }

    @Test
    void shouldRejectTruncatedPixelData() {
        assertThat(Samples.imageFailure(Samples.bytes("MR_truncated.dcm")))
                .isEqualTo(CANNOT_UNDERSTAND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SC_rgb_jpeg_dcmtk.dcm", "SC_jpeg_no_color_transform.dcm",
            "SC_rgb_small_odd_jpeg.dcm", "SC_ybr_full_422_uncompressed.dcm"})
    void shouldDecodeColourCloseToDcmtk(String file) throws Exception {
        byte[] dcmtk = Samples.gunzip(Samples.resource("/reference/" + file + ".rgb.gz"));
        PixelFrame frame = Samples.image(file).frames().get(0);

        assertThat(frame.samplesPerPixel()).isEqualTo(3);
        assertThat(frame.samples()).hasSize(dcmtk.length);
        int worst = 0;
        for (int i = 0; i < dcmtk.length; i++) {
            worst = Math.max(worst, (int) Math.abs(frame.samples()[i] - (dcmtk[i] & 0xFF)));
        }
        assertThat(worst).as("largest difference to dcmtk").isLessThanOrEqualTo(2);
    }

    @Test
    void shouldDecodeYbrJpegToTheColoursItWasMadeOf() throws Exception {
        // the image's comment: rows of (255,0,0), (255,128,128), (0,255,0), (128,255,128), ...
        PixelFrame frame = Samples.image("SC_rgb_jpeg_dcmtk.dcm").frames().get(0);

        assertThat(rgb(frame, 5, 50)).containsExactly(new float[] {255, 0, 0}, within(8f));
        assertThat(rgb(frame, 15, 50)).containsExactly(new float[] {255, 128, 128}, within(8f));
        assertThat(rgb(frame, 25, 50)).containsExactly(new float[] {0, 255, 0}, within(8f));
    }

    @Test
    void shouldReadThirtyTwoBitBigEndianLikePydicomWroteIt() throws Exception {
        // dcmtk swaps each 16-bit word of a big-endian OW; pydicom wrote rtdose_expb.dcm from
        // rtdose.dcm as big-endian 32-bit values, so both must decode to the same doses
        float[] little = Samples.allSamples(Samples.image("rtdose.dcm"));
        float[] big = Samples.allSamples(Samples.image("rtdose_expb.dcm"));

        assertThat(big).containsExactly(little);
    }

    @Test
    void shouldDecodeEveryFrameOfMultiFrameObjects() throws Exception {
        DicomImage dose = Samples.image("rtdose.dcm");

        assertThat(dose.frames()).hasSize(15);
        assertThat(dose.frames()).allSatisfy(f -> assertThat(f.samples()).hasSize(100));
        assertThat(dose.frames().get(0).samples()).isNotEqualTo(dose.frames().get(14).samples());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ExplVR_LitEndNoMeta.dcm", "ExplVR_BigEndNoMeta.dcm"})
    void shouldRefuseToDecodeObjectsWithoutPixelData(String file) {
        assertThat(Samples.imageFailure(Samples.bytes(file))).isEqualTo(DATASET_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UN_sequence.dcm", "priv_SQ.dcm", "nested_priv_SQ.dcm"})
    void shouldParseThroughPrivateAndUnSequencesOfFragmentaryDataSets(String file) {
        // these pydicom fragments parse cleanly but lack the SOP/Study/Series UIDs
        assertThat(Samples.headerFailure(Samples.bytes(file))).isEqualTo(DATASET_MISMATCH);
    }

    @Test
    void shouldRefuseMalformedNumberOfFrames() {
        assertThat(Samples.headerFailure(Samples.bytes("badVR.dcm"))).isEqualTo(DATASET_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SC_rgb_jpeg.dcm", "meta_missing_tsyntax.dcm"})
    void shouldRefuseFilesDcmtkCannotReadEither(String file) {
        assertThat(Samples.headerFailure(Samples.bytes(file))).isEqualTo(CANNOT_UNDERSTAND);
    }

    private static float[] rgb(PixelFrame frame, int row, int column) {
        return new float[] {frame.sample(row, column, 0), frame.sample(row, column, 1),
                frame.sample(row, column, 2)};
    }

    private static long reference(String file, String key) {
        return Long.parseLong(DCMTK.getProperty(file + "." + key));
    }

    /** Back from decoded samples to stored values: undo rescale, or 8-bit scaling of colour. */
    private static long[] storedValues(DicomImage image) {
        DicomHeader h = image.header();
        float[] samples = Samples.allSamples(image);
        long[] stored = new long[samples.length];
        boolean colour = image.frames().get(0).samplesPerPixel() == 3;
        double colourMax = (1L << h.bitsStored()) - 1;
        for (int i = 0; i < samples.length; i++) {
            double value = colour
                    ? samples[i] * colourMax / 255.0
                    : (samples[i] - h.rescaleIntercept()) / h.rescaleSlope();
            stored[i] = Math.round(value);
            assertThat(value).as("sample %d is integral", i).isCloseTo(stored[i], within(1e-3));
        }
        return stored;
    }
}
