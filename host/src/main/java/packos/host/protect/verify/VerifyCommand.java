package packos.host.protect.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import packos.host.protect.ReservedNames;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code packos verify}: the load-time verifier, run on class files before any boot. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check programs against the allow-list every program must pass before it runs: print one line per refusal.",
                "Exit status 0: every class passes; 1: some class is refused; 2: bad arguments."})
public final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "JAR-OR-CLASSDIR",
            description = "class directories, jars or class files holding the program and the libraries it brings along")
    List<Path> paths;

    @Option(names = "--main", paramLabel = "CLASS",
            description = "verify only this class and the program classes it reaches, and refuse any class in a package of the JDK, kernel, library, machine or host (default: every class found)")
    String main;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        ClassFiles files;
        try {
            files = ClassFiles.read(paths);
        } catch (IOException e) {
            err.println("packos verify: " + e.getMessage());
            return 2;
        }
        List<String> roots;
        if (main != null) {
            if (!files.contains(main)) {
                err.println("packos verify: no class " + main + " in " + String.join(", ", paths.stream().map(Path::toString).toList()));
                return 2;
            }
            // A class in a shared or host package would never be loaded from the program, however it
            // is reached: it is refused whether or not the main class reaches it.
            var withReserved = new java.util.ArrayList<String>(List.of(main));
            for (String name : files.names()) {
                if (!name.equals(main) && (ReservedNames.isShared(name) || ReservedNames.isHost(name))) withReserved.add(name);
            }
            roots = List.copyOf(withReserved);
        } else {
            roots = files.names();
            if (roots.isEmpty()) {
                err.println("packos verify: no class files in " + String.join(", ", paths.stream().map(Path::toString).toList()));
                return 2;
            }
        }
        var report = new AllowListVerifier().check(roots, files);
        for (String line : report.refusals()) out.println(line);
        int n = report.classes().size();
        String classes = n + " class" + (n == 1 ? "" : "es");
        if (report.clean()) {
            out.println("packos verify: " + classes + " checked, none refused");
        } else {
            int r = report.refusals().size();
            out.println("packos verify: " + classes + " checked, " + r + " refusal" + (r == 1 ? "" : "s"));
        }
        out.flush();
        return report.clean() ? 0 : 1;
    }
}
