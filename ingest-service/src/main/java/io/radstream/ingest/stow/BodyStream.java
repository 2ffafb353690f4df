package io.radstream.ingest.stow;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * A request body as a blocking {@link InputStream} with demand-driven backpressure. The request stays
 * paused; one chunk at a time is fetched from Vert.x ({@code fetch(1)}) and only while this stream holds
 * fewer than {@code window} bytes the reader has not consumed. However fast the client sends, the
 * service holds at most the window plus one chunk (and Vert.x's small inbound queue of a few chunks);
 * the rest waits in the client's socket buffers, slowed by TCP flow control.
 *
 * <p>Hand-written over the Vert.x stream API because neither RESTEasy Reactive's body stream nor a
 * library gives a fixed window here: the benchmark measured ~150 MB of body chunks held ahead of the
 * STOW-RS parser with RESTEasy's {@code InputStream} body. Closing the stream before the end discards
 * the rest of the body without keeping it (the answer still reaches the client); a rest longer than
 * {@link #MAX_DISCARD_BYTES} closes the connection instead.
 */
final class BodyStream extends InputStream {

    static final long MAX_DISCARD_BYTES = 64L * 1024 * 1024;

    private final HttpServerRequest request;
    private final long window;
    private final long timeoutNanos;
    private final long maxBytes;
    private final StowBodyBuffering buffering;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private Buffer current;
    private int offset;
    private long held;
    private long received;
    private boolean fetching;
    private boolean ended;
    private boolean closed;
    private IOException failure;

    private BodyStream(HttpServerRequest request, long window, Duration timeout, long maxBytes,
                       StowBodyBuffering buffering) {
        this.request = request;
        this.window = window;
        this.timeoutNanos = timeout.toNanos();
        this.maxBytes = maxBytes;
        this.buffering = buffering;
    }

    /** Takes over the (paused) request's body; {@code maxBytes} <= 0 means no limit of its own. */
    static BodyStream open(HttpServerRequest request, long window, Duration timeout, long maxBytes,
                           StowBodyBuffering buffering) {
        BodyStream body = new BodyStream(request, window, timeout, maxBytes, buffering);
        request.pause();
        if (request.isEnded()) {
            body.ended = true;
            return body;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect")) && request.version() == HttpVersion.HTTP_1_1) {
            request.response().writeContinue();
        }
        request.handler(body::chunk);
        request.endHandler(v -> body.end());
        request.exceptionHandler(body::fail);
        body.fetching = true;
        request.fetch(1);
        return body;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n;
        boolean fetch;
        lock.lock();
        try {
            if (!awaitCurrent()) {
                return -1;
            }
            n = Math.min(len, current.length() - offset);
            current.getBytes(offset, offset + n, b, off);
            offset += n;
            if (offset == current.length()) {
                release(current.length());
                current = null;
            }
            fetch = needsMore();
        } finally {
            lock.unlock();
        }
        if (fetch) {
            request.fetch(1);
        }
        return n;
    }

    /** Discards what is held and the rest of the body; the connection survives unless the rest is long. */
    @Override
    public void close() {
        boolean drain;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            long dropped = queue.stream().mapToLong(Buffer::length).sum() + (current == null ? 0 : current.length());
            queue.clear();
            current = null;
            release(dropped);
            drain = !ended && failure == null;
        } finally {
            lock.unlock();
        }
        if (drain) {
            request.resume();
        } else if (!ended) {
            request.connection().close();
        }
    }

    /** Waits for a chunk to read; false at the end of the body. Holds the lock. */
    private boolean awaitCurrent() throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (current == null) {
            if (closed) {
                throw new IOException("Stream is closed");
            }
            if (failure != null) {
                throw failure;
            }
            current = queue.poll();
            offset = 0;
            if (current != null) {
                return true;
            }
            if (ended) {
                return false;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("No body data received for " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
            }
            try {
                arrived.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("Interrupted while reading the request body");
            }
        }
        return true;
    }

    /** Whether to ask Vert.x for the next chunk (and note it is asked). Holds the lock. */
    private boolean needsMore() {
        boolean more = !fetching && !ended && !closed && failure == null && held < window;
        fetching |= more;
        return more;
    }

    private void chunk(Buffer buffer) {
        boolean fetch;
        boolean tooLong = false;
        lock.lock();
        try {
            fetching = false;
            received += buffer.length();
            if (closed) {
                tooLong = received > MAX_DISCARD_BYTES;
                fetch = false;
            } else if (maxBytes > 0 && received > maxBytes) {
                failure = new BodyTooLargeException("The request body exceeds " + maxBytes + " bytes");
                fetch = false;
            } else if (buffer.length() == 0 && request.version() == HttpVersion.HTTP_2) {
                ended = true; // HTTP/2: an empty DATA frame ends the stream (as RESTEasy Reactive reads it)
                fetch = false;
            } else {
                queue.add(buffer);
                held += buffer.length();
                buffering.held(held, buffer.length());
                fetch = needsMore();
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        if (tooLong) {
            request.connection().close();
        } else if (fetch) {
            request.fetch(1);
        }
    }

    private void end() {
        lock.lock();
        try {
            ended = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void fail(Throwable error) {
        lock.lock();
        try {
            if (failure == null) {
                failure = error instanceof IOException io ? io : new IOException(error.getMessage(), error);
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void release(long bytes) {
        held -= bytes;
        buffering.released(bytes);
    }

    /** The body is longer than the server accepts. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(String message) {
            super(message);
        }
    }
}
