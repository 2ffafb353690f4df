package io.radstream.dicom;

import io.radstream.dicom.EncapsulatedReader.Encapsulated;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
  * Groups encapsulated fragments into frames: all fragments for a single frame; one fragment per
  * frame when the counts match; else by the Basic Offset Table; else (JPEG only) by the fragments
  * that start with an SOI marker. Anything else cannot be split without guessing.
  */
final class FrameSplitter {
    private FrameSplitter() {}

    static List<byte[]> split(Encapsulated e, int frames, boolean jpeg) throws DicomParseException {
        List<byte[]> fragments = e.fragments();
        if (fragments.isEmpty()) {
            throw DicomParseException.cannotUnderstand("encapsulated Pixel Data has no fragments");
        }
        if (frames == 1) {
            return List.of(concat(fragments, 0, fragments.size()));
        }
        if (fragments.size() == frames) {
            return fragments;
        }
        if (e.offsetTable().length == frames) {
            return byOffsetTable(e, frames);
        }
        if (jpeg) {
            return byStartOfImage(fragments, frames);
        }
        throw DicomParseException.cannotUnderstand(fragments.size() + " fragments cannot be assigned"
                + " to " + frames + " frames without a Basic Offset Table");
    }

    private static List<byte[]> byOffsetTable(Encapsulated e, int frames)
            throws DicomParseException {
        List<Integer> firstFragment = new ArrayList<>();
        int previous = -1;
        for (long offset : e.offsetTable()) {
            int index = Collections.binarySearch(e.fragmentStarts(), offset);
            if (index <= previous) {
                throw DicomParseException.cannotUnderstand(
                        "Basic Offset Table does not point at fragments");
            }
            firstFragment.add(index);
            previous = index;
        }
        if (firstFragment.get(0) != 0) {
            throw DicomParseException.cannotUnderstand("Basic Offset Table must start at 0");
        }
        firstFragment.add(e.fragments().size());
        List<byte[]> result = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            result.add(concat(e.fragments(), firstFragment.get(f), firstFragment.get(f + 1)));
        }
        return result;
    }

    private static List<byte[]> byStartOfImage(List<byte[]> fragments, int frames)
            throws DicomParseException {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < fragments.size(); i++) {
            byte[] f = fragments.get(i);
            if (f.length >= 2 && (f[0] & 0xFF) == 0xFF && (f[1] & 0xFF) == 0xD8) {
                starts.add(i);
            }
        }
        if (starts.size() != frames || starts.get(0) != 0) {
            throw DicomParseException.cannotUnderstand("found " + starts.size()
                    + " JPEG images in the fragments, expected " + frames);
        }
        starts.add(fragments.size());
        List<byte[]> result = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            result.add(concat(fragments, starts.get(f), starts.get(f + 1)));
        }
        return result;
    }

    private static byte[] concat(List<byte[]> fragments, int from, int to)
            throws DicomParseException {
        if (to - from == 1) {
            return fragments.get(from);
        }
        long total = 0;
        for (int i = from; i < to; i++) {
            total += fragments.get(i).length;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw DicomParseException.tooLarge("frame exceeds array limits");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
        for (int i = from; i < to; i++) {
            out.writeBytes(fragments.get(i));
        }
        return out.toByteArray();
    }
}
