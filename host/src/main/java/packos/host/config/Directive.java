package packos.host.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The first word of a config line and the keys it takes, in the order error messages list them. */
enum Directive {
    IMAGE("image", List.of("name", "description", "codefs")),
    MACHINE("machine", List.of("cpus", "clock", "hz", "seed", "wire", "mac")),
    KAN("kan", List.of("prefix", "queue", "quota", "pages", "page-size")),
    SCHEDULER("scheduler", List.of("program", "arg")),
    PROCESS("process", List.of("name", "program", "arg", "mount", "caps", "daemon", "after", "reports-init",
            "restart", "max-restarts", "within", "queue", "quota", "heap", "heap-rate", "output", "output-burst", "output-rate", "cpu-share", "inject-faults")),
    LINK("link", List.of("between", "from", "to", "loss", "duplicate", "reorder", "corrupt", "delay", "jitter", "rate", "limit"));

    /** A key that may repeat: each occurrence is one program argument, in order. */
    static final String ARG = "arg";
    /** Repeats, as arg does: one key per mount point of the process's namespace. */
    static final String MOUNT = "mount";

    final String word;
    final List<String> keys;

    Directive(String word, List<String> keys) {
        this.word = word;
        this.keys = keys;
    }

    /** Process and link lines describe many things; the others configure one machine-wide thing. */
    boolean repeatable() { return this == PROCESS || this == LINK; }

    static Optional<Directive> named(String word) {
        return Arrays.stream(values()).filter(d -> d.word.equals(word)).findFirst();
    }

    static String words() {
        return Arrays.stream(values()).map(d -> d.word).collect(Collectors.joining(", "));
    }
}
