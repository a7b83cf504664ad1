/**
 * The file API: {@link packos.lib.fs.FileSystem} and {@link packos.lib.fs.OpenFile}, reached by
 * {@code process.files()}, with paths checked by {@link packos.lib.fs.FilePath} so that no path
 * leaves the root. {@link packos.lib.fs.CodeTree} is the read-only tree an image carries (the
 * original's CodeFS), built once by the host and shared, immutable, by every process of the image;
 * {@link packos.lib.fs.CodeFileSystem} reads it. Refusals are {@link packos.kernel.KernelException}s:
 * INVALID_ARGUMENT, DOES_NOT_EXIST, IS_DIRECTORY, IS_NOT_DIRECTORY, READ_ONLY_FILESYSTEM.
 */
package packos.lib.fs;
