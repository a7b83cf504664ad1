package packos.testprograms;

import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.fs.OpenMode;

/**
 * Reads its image's code tree through {@code process.files()} and prints what it saw, so a test
 * can compare it with the files on the host. Arguments: a mode, then paths.
 * <ul>
 * <li>{@code read PATH...}: each file's size and FNV-1a hash, read in 1460-byte chunks</li>
 * <li>{@code list DIR}: the directory's entries</li>
 * <li>{@code vandal PATH}: overwrites the array readAll gave it, then shows the file again</li>
 * <li>{@code refusals}: the error codes of the refusals an httpd relies on</li>
 * </ul>
 */
public final class FileReader implements Program {
    @Override
    public void main(Process self) {
        var files = self.files();
        var args = self.args();
        switch (args.getFirst()) {
            case "read" -> {
                for (String path : args.subList(1, args.size())) {
                    try (var f = files.open(path)) {
                        var buffer = new byte[1460];
                        long hash = 0xcbf29ce484222325L;
                        long total = 0;
                        int n;
                        while ((n = f.read(buffer, 0, buffer.length)) != -1) {
                            for (int i = 0; i < n; i++) hash = (hash ^ (buffer[i] & 0xff)) * 0x100000001b3L;
                            total += n;
                        }
                        self.print("read " + path + " size=" + f.size() + " bytes=" + total + " fnv=" + Long.toHexString(hash));
                    }
                }
            }
            case "list" -> {
                var line = new StringBuilder("list " + args.get(1) + ":");
                for (var e : files.list(args.get(1))) line.append(' ').append(e.name()).append(e.isDirectory() ? "/" : "=" + e.size());
                self.print(line.toString());
            }
            case "vandal" -> {
                var mine = files.readAll(args.get(1));
                java.util.Arrays.fill(mine, (byte) 'X');
                self.print("vandal wrote " + new String(mine, java.nio.charset.StandardCharsets.UTF_8) + ", file now "
                        + new String(files.readAll(args.get(1)), java.nio.charset.StandardCharsets.UTF_8));
            }
            case "refusals" -> {
                refusal(self, "write", () -> files.open("foo.txt", OpenMode.WRITE));
                refusal(self, "directory", () -> files.open("more"));
                refusal(self, "list-file", () -> files.list("foo.txt"));
                refusal(self, "missing", () -> files.open("nope.html"));
                refusal(self, "escape", () -> files.open("more/../../etc/passwd"));
            }
            default -> throw new IllegalArgumentException("unknown mode " + args.getFirst());
        }
    }

    private static void refusal(Process self, String what, Runnable call) {
        try {
            call.run();
            self.print("refusal " + what + ": none");
        } catch (KernelException e) {
            self.print("refusal " + what + ": " + e.getMessage());
        }
    }
}
