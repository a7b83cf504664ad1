package packos.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import packos.host.config.BootConfig;
import packos.host.config.BootConfigException;
import packos.host.config.BootConfigParser;

/** The images that ship with PackOS (boot configs under packos/images/ on the class path), and config files. */
public final class Images {
    public static final String DEFAULT = "httpd";
    private static final String DIRECTORY = "packos/images/";

    private final ClassLoader source;

    public Images(ClassLoader source) { this.source = source; }

    public List<String> names() throws IOException {
        try (InputStream in = source.getResourceAsStream(DIRECTORY + "index.txt")) {
            if (in == null) return List.of();
            var names = new ArrayList<String>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) names.add(line.strip());
            }
            return names;
        }
    }

    /** A config file if {@code nameOrPath} names one, else the shipped image of that name. */
    public BootConfig load(String nameOrPath) throws IOException, BootConfigException {
        Path path = Path.of(nameOrPath);
        if (Files.isRegularFile(path)) return BootConfigParser.parse(path);
        try (InputStream in = source.getResourceAsStream(DIRECTORY + nameOrPath + ".boot")) {
            if (in == null || nameOrPath.contains("/")) {
                throw new IOException("no config file or image named '" + nameOrPath + "' (images: " + String.join(", ", names()) + ")");
            }
            return BootConfigParser.parse(nameOrPath + ".boot", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
