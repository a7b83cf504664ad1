package packos.host.protect.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
                "A class file that cannot be read, whatever is wrong with it, is one refusal naming it.",
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
        List<String> unreadable = files.unreadable();
        if (main != null) {
            if (!files.contains(main) && unreadable.stream().noneMatch(line -> line.startsWith(main + ": "))) {
                err.println("packos verify: no class " + main + " in " + String.join(", ", paths.stream().map(Path::toString).toList()));
                return 2;
            }
            // A main class that could not be read is its one refusal; classes it would have reached are not known.
            if (!files.contains(main)) unreadable = unreadable.stream().filter(line -> line.startsWith(main + ": ")).toList();
            else unreadable = List.of();
            // A class in a shared or host package would never be loaded from the program, however it
            // is reached: it is refused whether or not the main class reaches it.
            var withReserved = new ArrayList<String>();
            if (files.contains(main)) withReserved.add(main);
            for (String name : files.names()) {
                if (!name.equals(main) && (ReservedNames.isShared(name) || ReservedNames.isHost(name))) withReserved.add(name);
            }
            roots = List.copyOf(withReserved);
        } else {
            roots = files.names();
            if (roots.isEmpty() && unreadable.isEmpty()) {
                err.println("packos verify: no class files in " + String.join(", ", paths.stream().map(Path::toString).toList()));
                return 2;
            }
        }
        var report = new AllowListVerifier().check(roots, files);
        var refusals = new ArrayList<>(unreadable);
        refusals.addAll(report.refusals());
        for (String line : refusals) out.println(line);
        int n = report.classes().size() + unreadable.size();
        String classes = n + " class" + (n == 1 ? "" : "es");
        if (refusals.isEmpty()) {
            out.println("packos verify: " + classes + " checked, none refused");
        } else {
            int r = refusals.size();
            out.println("packos verify: " + classes + " checked, " + r + " refusal" + (r == 1 ? "" : "s"));
        }
        out.flush();
        return refusals.isEmpty() ? 0 : 1;
    }
}
