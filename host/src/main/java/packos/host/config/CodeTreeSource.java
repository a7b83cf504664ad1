package packos.host.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an image's code tree comes from (the {@code image} line's {@code codefs=}), with the line
 * that said so, for errors found when the tree is read at boot.
 */
public sealed interface CodeTreeSource {
    /** The value as the config wrote it. */
    String written();

    /** The config line of the {@code codefs=}. */
    int line();

    /** A tree that ships with PackOS: resources {@code packos/codefs/NAME/...} on the class path. */
    record BuiltIn(String name, int line) implements CodeTreeSource {
        public BuiltIn {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String written() { return name; }
    }

    /** A directory on the host; a relative {@code codefs=} is resolved against the config file's directory. */
    record Directory(Path directory, String written, int line) implements CodeTreeSource {
        public Directory {
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(written, "written");
        }
    }
}
