package packos.lib.fs;

/**
 * The original's file stream: writes go to an open file, at its position (or its end, in append
 * mode). Closing the stream closes the file.
 */
public final class FileStream implements Stream {
    private final OpenFile file;

    public FileStream(OpenFile file) {
        if (file == null) throw new IllegalArgumentException("no file");
        this.file = file;
    }

    /** Opens {@code path} in {@code files} with {@code mode} (such as {@link OpenMode#REPLACE}) and streams to it. */
    public static FileStream open(FileSystem files, String path, OpenMode mode) { return new FileStream(files.open(path, mode)); }

    @Override
    public void write(byte[] bytes, int offset, int length) { file.write(bytes, offset, length); }

    public OpenFile file() { return file; }

    @Override
    public void close() { file.close(); }
}
