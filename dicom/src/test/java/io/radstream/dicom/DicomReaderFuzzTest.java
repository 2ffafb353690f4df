package io.radstream.dicom;

import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
  * Coverage-guided fuzzing of the reader with Jazzer (libFuzzer for the JVM). The build sets
  * {@code JAZZER_FUZZ=1} for this module, so {@code ./mvnw verify} fuzzes for {@code maxDuration},
  * starting from the seeds in {@code DicomReaderFuzzTestInputs/fuzzReader} (real samples of every
  * transfer syntax family); without it the seeds and any committed crash inputs are replayed.
  *
  * <p>A finding is: any throwable other than {@link DicomParseException} (Jazzer reports it with the
  * input), an input that takes longer than the per-input timeout (a hang; Jazzer turns
  * {@code @Timeout} into libFuzzer's per-input {@code -timeout}, and the module's surefire
  * configuration disables JUnit's own {@code @Timeout} handling, which would cut the whole fuzzing
  * run short), or a second parse of the input that allocates more than {@link ParseBudget} allows
  * (a length taken from the input on trust; the first parse is not measured, it loads classes).
  */
class DicomReaderFuzzTest {
    private static final DicomReader READER = DicomReader.create(ParseBudget.LIMITS);

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void fuzzReader(byte[] input) {
        parse(input); // first pass loads (and instruments) the classes this input reaches
        long before = ParseBudget.allocatedBytes();
        parse(input);
        long allocated = ParseBudget.allocatedBytes() - before;
        if (allocated > ParseBudget.allowanceFor(input.length)) {
            throw new AssertionError(allocated + " bytes allocated parsing " + input.length + " input bytes");
        }
    }

    private static void parse(byte[] input) {
        readHeader(input);
        readImage(input);
    }

    private static void readHeader(byte[] input) {
        try {
            READER.readHeader(new ByteArrayInputStream(input));
        } catch (DicomParseException refused) {
            requireReason(refused);
        }
    }

    private static void readImage(byte[] input) {
        try {
            DicomImage image = READER.readImage(new ByteArrayInputStream(input));
            if (image.frames().size() != image.header().numberOfFrames()) {
                throw new AssertionError(image.frames().size() + " frames decoded, header says "
                        + image.header().numberOfFrames());
            }
        } catch (DicomParseException refused) {
            requireReason(refused);
        }
    }

    private static void requireReason(DicomParseException refused) {
        if (refused.reason() == null) {
            throw new AssertionError("DicomParseException without a reason", refused);
        }
    }
}
