package io.radstream.dicom;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
  * Exact, position-tracking reads from an untrusted stream. Every read or skip is checked against
  * the object byte limit first; values are allocated in growing steps, so a lying length costs at
  * most about twice the bytes really present. Never reads ahead except inside {@link #inflate()}.
  */
final class DicomInput {
    private static final int FIRST_ALLOCATION = 1 << 20;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private final InputStream in;
    private final long limit;
    private final Inflater inflater;
    private long position;
    private byte[] pushback = new byte[0];
    private int pushbackPos;
    private boolean bigEndian;
    private byte[] skipBuffer;

    DicomInput(InputStream in, long limit) {
        this(in, limit, 0, null);
    }

    private DicomInput(InputStream in, long limit, long position, Inflater inflater) {
        this.in = in;
        this.limit = limit;
        this.position = position;
        this.inflater = inflater;
    }

    long position() {
        return position;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    void bigEndian(boolean value) {
        bigEndian = value;
    }

    /** Reads up to {@code len} bytes; fewer only at end of stream. Returns the count. */
    int readAvailable(byte[] b, int off, int len) throws IOException, DicomParseException {
        requireWithinLimit(0);
        int total = 0;
        while (total < len) {
            int n = rawRead(b, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        position += total;
        requireWithinLimit(0);
        return total;
    }

    /** Reads exactly {@code len} bytes; false when the stream ends before the first byte. */
    boolean readOrEnd(byte[] b, int len) throws IOException, DicomParseException {
        int n = readAvailable(b, 0, len);
        if (n == 0) {
            return false;
        }
        if (n < len) {
            throw truncated();
        }
        return true;
    }

    /** Reads exactly {@code len} bytes. */
    void readFully(byte[] b, int len) throws IOException, DicomParseException {
        requireWithinLimit(len);
        if (readAvailable(b, 0, len) < len) {
            throw truncated();
        }
    }

    /** Reads a value of {@code length} bytes, allocating only as bytes actually arrive. */
    byte[] readValue(long length) throws IOException, DicomParseException {
        if (length > MAX_ARRAY) {
            throw DicomParseException.tooLarge("value of " + length + " bytes exceeds array limits");
        }
        requireWithinLimit(length);
        int size = (int) length;
        byte[] buf = new byte[Math.min(size, FIRST_ALLOCATION)];
        int filled = 0;
        while (filled < size) {
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(size, 2L * buf.length));
            }
            int n = rawRead(buf, filled, buf.length - filled);
            if (n < 0) {
                position += filled;
                throw truncated();
            }
            filled += n;
        }
        position += size;
        return buf;
    }

    /** Skips exactly {@code length} bytes by reading them (so truncation is always detected). */
    void skip(long length) throws IOException, DicomParseException {
        requireWithinLimit(length);
        if (skipBuffer == null) {
            skipBuffer = new byte[8192];
        }
        long left = length;
        while (left > 0) {
            int n = rawRead(skipBuffer, 0, (int) Math.min(left, skipBuffer.length));
            if (n < 0) {
                throw truncated();
            }
            left -= n;
            position += n;
        }
    }

    /** Pushes back bytes just read so that they are read again, before any still pending. */
    void unread(byte[] b, int off, int len) {
        int pending = pushback.length - pushbackPos;
        byte[] merged = new byte[len + pending];
        System.arraycopy(b, off, merged, 0, len);
        System.arraycopy(pushback, pushbackPos, merged, len, pending);
        pushback = merged;
        pushbackPos = 0;
        position -= len;
    }

    /** A reader over the inflated remainder of this stream (Deflated Explicit VR Little Endian). */
    DicomInput inflate() {
        InputStream pending = new ByteArrayInputStream(pushback, pushbackPos,
                pushback.length - pushbackPos);
        pushbackPos = pushback.length;
        // "nowrap" inflaters may need one dummy byte after the compressed data (Inflater javadoc)
        InputStream compressed = new SequenceInputStream(new SequenceInputStream(pending, in),
                new ByteArrayInputStream(new byte[1]));
        Inflater inf = new Inflater(true);
        return new DicomInput(new InflaterInputStream(compressed, inf, 8192), limit, position, inf);
    }

    /** Frees native resources (the inflater); the caller's stream is left open. */
    void release() {
        if (inflater != null) {
            inflater.end();
        }
    }

    private int rawRead(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pushbackPos < pushback.length) {
            int n = Math.min(len, pushback.length - pushbackPos);
            System.arraycopy(pushback, pushbackPos, b, off, n);
            pushbackPos += n;
            return n;
        }
        int n = in.read(b, off, len);
        if (n == 0) {
            // a conforming stream blocks instead; read one byte to guarantee progress
            int one = in.read();
            if (one < 0) {
                return -1;
            }
            b[off] = (byte) one;
            return 1;
        }
        return n;
    }

    private void requireWithinLimit(long more) throws DicomParseException {
        if (more < 0 || position + more > limit) {
            throw DicomParseException.tooLarge("object exceeds maxObjectBytes " + limit
                    + " (needs " + (position + more) + ")");
        }
    }

    private DicomParseException truncated() {
        return DicomParseException.cannotUnderstand("truncated at byte " + position);
    }
}
