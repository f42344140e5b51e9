package org.lossbench.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a source stream ahead on a background thread, so that the producer's work (inflating a
 * gzip stream) overlaps with the consumer's (decoding voxels): on two cores a {@code .nii.gz}
 * read takes about the longer of the two instead of their sum.
 *
 * <p>At most {@code limit} bytes are read from the source, never more (a reader must not inflate
 * past what a header declares), and at most {@code depth} blocks of {@code blockSize} bytes wait
 * in memory. An {@link IOException} of the source is rethrown, with its type, to the consumer at
 * the point where the data ran out.
 */
public final class ReadAheadInputStream extends InputStream {
    private static final byte[] END = new byte[0];

    private final BlockingQueue<Object> queue;
    private final Thread producer;
    private byte[] current = new byte[0];
    private int currentLength;
    private int position;
    private boolean finished;

    public ReadAheadInputStream(InputStream source, long limit, int blockSize, int depth) {
        this.queue = new ArrayBlockingQueue<>(depth);
        this.producer = new Thread(() -> produce(source, limit, blockSize), "lossbench-read-ahead");
        this.producer.setDaemon(true);
        this.producer.start();
    }

    private record Block(byte[] bytes, int length) {
    }

    private void produce(InputStream source, long limit, int blockSize) {
        try {
            long remaining = limit;
            while (remaining > 0) {
                byte[] block = new byte[(int) Math.min(blockSize, remaining)];
                int n = source.readNBytes(block, 0, block.length);
                if (n > 0) {
                    queue.put(new Block(block, n));
                    remaining -= n;
                }
                if (n < block.length) {
                    break;
                }
            }
            queue.put(END);
        } catch (IOException e) {
            putQuietly(e);
        } catch (RuntimeException e) {
            putQuietly(new IOException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void putQuietly(Object o) {
        try {
            queue.put(o);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean fill() throws IOException {
        if (finished) {
            return false;
        }
        Object next;
        try {
            next = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
        if (next == END) {
            finished = true;
            return false;
        }
        if (next instanceof IOException e) {
            finished = true;
            throw e;
        }
        Block b = (Block) next;
        current = b.bytes();
        currentLength = b.length();
        position = 0;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (position >= currentLength && !fill()) {
            return -1;
        }
        return current[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position >= currentLength && !fill()) {
            return -1;
        }
        int n = Math.min(len, currentLength - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    /** Stops the background thread; the source stream is closed by its owner. */
    @Override
    public void close() {
        finished = true;
        producer.interrupt();
        queue.clear();
    }
}
