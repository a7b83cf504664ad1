package packos.host;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import packos.host.protect.ReservedNames;
import packos.host.protect.verify.AllowListVerifier;
import packos.host.protect.verify.ClassFiles;

/**
 * Programs from outside PackOS's tree ({@code packos run --programs JAR-OR-CLASSDIR}), read into
 * memory and checked whole before anything boots: every class they hold must pass the verifier,
 * reached from a main class or not, and none may claim a name reserved for PackOS. A class the
 * program never uses is still checked, since a path nobody thought of might load it; the loader
 * of each process then defines only the classes verified for its program.
 */
public final class OutsidePrograms {
    private final ClassFiles files;
    private final List<String> refusals;

    private OutsidePrograms(ClassFiles files, List<String> refusals) {
        this.files = files;
        this.refusals = refusals;
    }

    /** No programs from outside. */
    public static OutsidePrograms none() { return new OutsidePrograms(ClassFiles.none(), List.of()); }

    /** Reads and checks the programs under {@code paths}; throws with a message fit for the user if a path cannot be read. */
    public static OutsidePrograms read(List<Path> paths) throws IOException {
        var files = ClassFiles.read(paths);
        // A class file that cannot be read is refused under its name, like any other refusal.
        var refusals = new ArrayList<String>(files.unreadable());
        var checked = new ArrayList<String>();
        for (String name : files.names()) {
            if (ReservedNames.isReservedForPackos(name)) {
                refusals.add(name + ": is in package " + ReservedNames.packageOf(name)
                        + ", which is PackOS's own (JDK, kernel, library, machine, host, system or samples): a program from outside may not bring classes there");
            } else {
                checked.add(name);
            }
        }
        if (!checked.isEmpty()) refusals.addAll(new AllowListVerifier().check(checked, files).refusals());
        return new OutsidePrograms(files, List.copyOf(refusals));
    }

    /** One line per refusal; empty when every class passed. */
    public List<String> refusals() { return refusals; }

    ClassFiles files() { return files; }
}
