package packos.testprograms;

import java.nio.charset.StandardCharsets;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.fs.FileStream;
import packos.lib.fs.MountSource;
import packos.lib.fs.OpenMode;

/**
 * Works on files through its namespace, one step per argument, printing what each gives:
 * {@code write:PATH:TEXT}, {@code read:PATH}, {@code list:PATH}, {@code rename:FROM:TO},
 * {@code delete:PATH}, {@code mkdir:PATH}, {@code printf:PATH} (a file stream's formatted line),
 * {@code mount-memory:PATH} (a mount made in code). A refusal prints its message and goes on.
 */
public final class FileWorker implements Program {
    @Override
    public void main(Process self) {
        var files = self.files();
        for (var step : self.args()) {
            var parts = step.split(":", 3);
            try {
                switch (parts[0]) {
                    case "write" -> {
                        files.writeAll(parts[1], parts[2].getBytes(StandardCharsets.UTF_8));
                        self.print("wrote " + parts[1]);
                    }
                    case "read" -> self.print("read " + parts[1] + ": " + new String(files.readAll(parts[1]), StandardCharsets.UTF_8));
                    case "list" -> {
                        var line = new StringBuilder("list " + parts[1] + ":");
                        for (var e : files.list(parts[1])) line.append(' ').append(e.name()).append(e.isDirectory() ? "/" : "=" + e.size());
                        self.print(line.toString());
                    }
                    case "rename" -> {
                        files.rename(parts[1], parts[2]);
                        self.print("renamed " + parts[1] + " to " + parts[2]);
                    }
                    case "delete" -> {
                        files.delete(parts[1]);
                        self.print("deleted " + parts[1]);
                    }
                    case "mkdir" -> {
                        files.mkdir(parts[1]);
                        self.print("made " + parts[1]);
                    }
                    case "printf" -> {
                        try (var out = FileStream.open(files, parts[1], OpenMode.APPEND.withCreate())) {
                            out.printf("%s has %d bytes%n", parts[1], files.size(parts[1]));
                        }
                        self.print("printed to " + parts[1]);
                    }
                    case "mount-memory" -> {
                        self.mount(parts[1], new MountSource.Memory());
                        self.print("mounted memory at " + parts[1]);
                    }
                    default -> throw new IllegalArgumentException("unknown step " + step);
                }
            } catch (KernelException e) {
                self.print(parts[0] + " refused: " + e.getMessage());
            }
        }
    }
}
