package packos.lib.fs;

/**
 * An open file: a handle of the process that opened it, with a position that reads and writes
 * advance. Every refusal is a {@link packos.kernel.KernelException}: NOT_OPEN_FOR_READ and
 * NOT_OPEN_FOR_WRITE for what the open mode did not ask for, INVALID_ARGUMENT for a range outside
 * the buffer or a closed file.
 */
public interface OpenFile extends AutoCloseable {
    /** The path it was opened by, in canonical form ("/dir/name"). */
    String path();

    /** How it was opened. */
    OpenMode mode();

    /**
     * Copies up to {@code length} bytes from the position into {@code buffer} at {@code offset}
     * and advances the position by the count.
     *
     * @return the count copied (at least 1 when {@code length > 0}), or -1 at the end of the file
     */
    int read(byte[] buffer, int offset, int length);

    /** {@link #read(byte[], int, int)} into the whole of {@code buffer}. */
    default int read(byte[] buffer) { return read(buffer, 0, buffer.length); }

    /** Reads from {@code position} without moving the position; -1 at or past the end. */
    int readAt(long position, byte[] buffer, int offset, int length);

    /** Writes all {@code length} bytes at the position (at the end in append mode) and advances it. */
    void write(byte[] buffer, int offset, int length);

    default void write(byte[] buffer) { write(buffer, 0, buffer.length); }

    /** Writes all the bytes at {@code position} without moving the position; a gap before it reads as zeros. */
    void writeAt(long position, byte[] buffer, int offset, int length);

    /** The file's length in bytes. */
    long size();

    /** Where the next read or write starts. */
    long position();

    /**
     * Moves the position. A file open for writing may be positioned past its end (a write there
     * leaves zeros between); a read-only one only within 0..size().
     */
    void seek(long position);

    /** Sets the file's length, cutting or extending it with zeros; the position stays. */
    void truncate(long size);

    /** Makes what was written durable, as far as the file system can. */
    void sync();

    /** Closes the file; closing it again does nothing, any other call afterwards is refused. */
    @Override
    void close();
}
