package packos.lib.fs;

/**
 * A file opened for reading, with a position that each read advances. It belongs to the process
 * that opened it. Every refusal is a {@link packos.kernel.KernelException}.
 */
public interface OpenFile extends AutoCloseable {
    /** The path it was opened by, in canonical form ("/dir/name"). */
    String path();

    /**
     * Copies up to {@code length} bytes from the position into {@code buffer} at {@code offset}
     * and advances the position by the count.
     *
     * @return the count copied (at least 1 when {@code length > 0}), or -1 at the end of the file
     * @throws packos.kernel.KernelException INVALID_ARGUMENT if the range is outside the buffer or the file is closed
     */
    int read(byte[] buffer, int offset, int length);

    /** {@link #read(byte[], int, int)} into the whole of {@code buffer}. */
    default int read(byte[] buffer) { return read(buffer, 0, buffer.length); }

    /** The file's length in bytes. */
    long size();

    /** Where the next read starts, from 0 to {@link #size()}. */
    long position();

    /**
     * Moves the position.
     *
     * @throws packos.kernel.KernelException INVALID_ARGUMENT for a position outside 0..size()
     */
    void seek(long position);

    /** Closes the file; closing it again does nothing, any other call afterwards is refused. */
    @Override
    void close();
}
