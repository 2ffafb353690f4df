package io.radstream.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
  * Property check on mutated real files: whatever the bytes, the reader either succeeds or throws
  * DicomParseException, within a time bound, and allocates no more than the limits allow plus a
  * small multiple of the input — a lying length is never allocated. Seeded, so failures reproduce.
  * Complements the coverage-guided {@link DicomReaderFuzzTest}: these structured mutations (lying
  * lengths, truncation, duplicated spans) hit the length handling directly and reproduce exactly.
  */
class MutationFuzzTest {
    private static final long SEED = 20261125L;
    private static final int ITERATIONS = 3000;
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final List<String> SEEDS = List.of("CT_small.dcm", "MR_small.dcm",
            "MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_RLE.dcm", "image_dfl.dcm",
            "SC_rgb_jpeg_dcmtk.dcm", "ExplVR_BigEnd.dcm", "no_meta.dcm", "JPEG-lossy.dcm",
            "SC_rgb_rle_16bit_2frame.dcm", "rtdose.dcm", "liver_1frame.dcm");
    private static final int[] NASTY_LENGTHS = {0, 1, 2, 0xFF, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFF0,
            0xFFFFFFFF, 0x10000};

    private final DicomReader reader = DicomReader.create(ParseBudget.LIMITS);
    private long maxAllocated;

    @Test
    void shouldOnlyEverSucceedOrThrowDicomParseExceptionOnMutatedSamples() {
        Random random = new Random(SEED);
        byte[][] originals = SEEDS.stream().map(Samples::bytes).toArray(byte[][]::new);
        int[] outcomes = new int[2];
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] original = originals[random.nextInt(originals.length)];
            byte[] mutated = mutate(original, random);
            String label = "iteration " + i + " (seed " + SEED + ")";
            boolean decoded = assertTimeoutPreemptively(BOUND, () -> decodes(mutated, label), label);
            outcomes[decoded ? 0 : 1]++;
        }
        assertThat(outcomes[0]).as("some mutants still decode").isPositive();
        assertThat(outcomes[1]).as("some mutants are refused").isPositive();
        System.out.printf("MutationFuzzTest: %d decoded, %d refused, max %d KiB allocated by one parse%n",
                outcomes[0], outcomes[1], maxAllocated >> 10);
    }

    private boolean decodes(byte[] bytes, String label) {
        long before = ParseBudget.allocatedBytes();
        try {
            DicomImage image = reader.readImage(new ByteArrayInputStream(bytes));
            assertThat(image.frames()).as(label).hasSize(image.header().numberOfFrames());
            return true;
        } catch (DicomParseException expected) {
            assertThat(expected.reason()).as(label).isNotNull();
            return false;
        } catch (Throwable other) {
            throw new AssertionError(label + ": " + other, other);
        } finally {
            long allocated = ParseBudget.allocatedBytes() - before;
            maxAllocated = Math.max(maxAllocated, allocated);
            assertThat(allocated).as("%s: bytes allocated for %d input bytes", label, bytes.length)
                    .isLessThanOrEqualTo(ParseBudget.allowanceFor(bytes.length));
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = Arrays.copyOf(original, original.length);
        switch (random.nextInt(6)) {
            case 0 -> {
                for (int k = 1 + random.nextInt(8); k > 0; k--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                int at = random.nextInt(b.length - 4);
                int value = NASTY_LENGTHS[random.nextInt(NASTY_LENGTHS.length)];
                for (int k = 0; k < 4; k++) {
                    b[at + k] = (byte) (value >>> (8 * k));
                }
            }
            case 2 -> b = Arrays.copyOf(b, random.nextInt(b.length));
            case 3 -> {
                int from = random.nextInt(b.length);
                int length = random.nextInt(Math.min(256, b.length - from) + 1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, from + length);
                out.write(b, from, b.length - from);
                b = out.toByteArray();
            }
            case 4 -> {
                int at = random.nextInt(b.length);
                b[at] = (byte) random.nextInt(256);
            }
            default -> {
                int at = random.nextInt(Math.min(b.length, 2048));
                int length = Math.min(b.length - at, 1 + random.nextInt(32));
                byte[] noise = new byte[length];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, b, at, length);
            }
        }
        return b;
    }
}
