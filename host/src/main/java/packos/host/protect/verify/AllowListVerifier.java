package packos.host.protect.verify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import packos.host.protect.ClassSource;
import packos.host.protect.ProgramRefusedException;
import packos.host.protect.ProgramVerifier;
import packos.host.protect.verify.ClassAnalysis.Deferred;
import packos.host.protect.verify.ClassAnalysis.Finding;

/**
 * The load-time verifier (docs/ARCHITECTURE.md section 5): refuses a program whose code references anything
 * outside the {@linkplain AllowList allow-list}. It checks the main class and every class of the
 * program that class reaches, transitively: a class is the program's when the source has bytes
 * for it and it is not in a shared package (the JDK, {@code packos.kernel}, {@code packos.lib},
 * {@code packos.machine}); libraries the program brings along are program classes like any other.
 *
 * <p>Each refusal is one line: {@code CLASS.METHOD(PARAMS) @OFFSET: ACTION REFERENCE: WHY}, for
 * instance {@code hostile.Sleeper.main(Process) @12: calls java.lang.Thread.sleep(long): host
 * clocks and threads are not for programs (time comes from the timer service)}. Uses of the same
 * kind in one class share a line: the first is named in full and the others follow in
 * parentheses.
 *
 * <p>Class analyses are cached by class-file content in the verifier instance, so verifying the
 * same program for a second process costs a hash of its bytes per class. Thread-safe.
 */
public final class AllowListVerifier implements ProgramVerifier {
    /** Class files kept analyzed: enough for every program of a big image, small enough not to matter. */
    private static final int CACHE_SIZE = 4096;
    /** Other uses of the same kind named on a refusal line before the rest are only counted. */
    private static final int ALSO_SHOWN = 3;

    /** What a check found: the program's classes in the order met, and one line per refusal. */
    public record Report(List<String> classes, List<String> refusals) {
        public boolean clean() { return refusals.isEmpty(); }
    }

    private final AllowList allow = new AllowList();
    /** Bytes of class files kept analyzed, at most: the cache holds a copy of each, and a class file can be large. */
    private static final long CACHE_BYTES = 64L << 20;

    private final LinkedHashMap<Content, ClassAnalysis> cache = new LinkedHashMap<>(256, 0.75f, true);
    private long cachedBytes;

    @Override
    public Set<String> verify(String mainClass, ClassSource source) throws ProgramRefusedException {
        Report report;
        try {
            report = check(List.of(mainClass), source);
        } catch (StackOverflowError | RuntimeException e) {
            // The analyzer refuses whatever class file it cannot read; anything still thrown is a fault
            // of the verifier, and the program is refused for it rather than the loading process faulted.
            throw new ProgramRefusedException(List.of(mainClass + ": the verifier failed (" + Analyzer.detail(e) + ")"));
        }
        if (!report.clean()) throw new ProgramRefusedException(report.refusals());
        return Set.copyOf(report.classes());
    }

    /**
     * Checks the classes {@code roots} name and every program class they reach. A root the source
     * has no bytes for is skipped (the loader reports a missing program itself); so is a class the
     * program names but does not hold, which cannot load.
     */
    public Report check(Collection<String> roots, ClassSource source) {
        var program = new LinkedHashMap<String, ClassAnalysis>();
        var missing = new HashSet<String>();
        var queue = new ArrayDeque<String>(roots);
        var rootSet = Set.copyOf(roots);
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (program.containsKey(name) || missing.contains(name)) continue;
            // Shared and host classes never come from the program, except as roots (a class file found
            // in a shared package, which is refused for it).
            boolean external = Names.isShared(name) || Names.isHost(name);
            byte[] bytes = external && !rootSet.contains(name) ? null : source.bytes(name);
            if (bytes == null) {
                missing.add(name);
                continue;
            }
            var analysis = analysis(bytes);
            program.put(name, analysis);
            queue.addAll(analysis.program());
        }
        var lines = new ArrayList<String>();
        // Where each member reference lands, once per check: a program can repeat the same reference in
        // every class, and each resolution walks a supertype chain as long as the program.
        var landings = new HashMap<Reference, Optional<Hit>>();
        for (var entry : program.entrySet()) lines.addAll(refusals(entry.getKey(), entry.getValue(), program, landings));
        return new Report(List.copyOf(program.keySet()), List.copyOf(lines));
    }

    private ClassAnalysis analysis(byte[] bytes) {
        var key = new Content(bytes);
        synchronized (cache) {
            var cached = cache.get(key);
            if (cached != null) return cached;
        }
        var analysis = Analyzer.analyze(allow, bytes);
        if (bytes.length > CACHE_BYTES / 16) return analysis;
        synchronized (cache) {
            if (cache.put(new Content(bytes.clone()), analysis) == null) cachedBytes += bytes.length;
            // Least recently used first out, until both the count and the bytes are within bounds.
            for (var eldest = cache.entrySet().iterator(); cache.size() > CACHE_SIZE || cachedBytes > CACHE_BYTES; ) {
                cachedBytes -= eldest.next().getKey().bytes.length;
                eldest.remove();
            }
        }
        return analysis;
    }

    /** The refusal lines of one class: its own findings and its inherited references that resolve to refused members. */
    private List<String> refusals(String name, ClassAnalysis a, Map<String, ClassAnalysis> program, Map<Reference, Optional<Hit>> landings) {
        var findings = new ArrayList<Finding>();
        if (a.name() != null && !a.name().equals(name)) {
            findings.add(new Finding(-1, null, -1, "holds class " + a.name(), Why.WRONG_NAME));
        }
        findings.addAll(a.findings());
        for (Deferred ref : a.deferred()) {
            var key = new Reference(ref.owner(), ref.name(), ref.desc(), ref.field());
            var hit = landings.computeIfAbsent(key, k -> Optional.ofNullable(resolve(ref, program))).orElse(null);
            if (hit == null) continue;
            String shown = Names.member(Names.type(ref.owner()), ref.name(), ref.desc(), ref.field());
            findings.add(new Finding(ref.seq(), ref.method(), ref.offset(), ref.verb() + shown + " (inherited from " + hit.owner + ")", hit.why));
        }
        findings.addAll(contractsFulfilledByInheritance(name, a, program));
        if (findings.isEmpty()) return List.of();
        findings.sort((x, y) -> Integer.compare(x.seq(), y.seq()));
        // One line per kind of refusal in this class: the first use in full, the others after it.
        var byWhy = new LinkedHashMap<Why, List<Finding>>();
        for (var f : findings) byWhy.computeIfAbsent(f.why(), w -> new ArrayList<>()).add(f);
        var lines = new ArrayList<String>();
        for (var group : byWhy.entrySet()) lines.add(line(name, group.getKey(), group.getValue()));
        return lines;
    }

    /**
     * Methods of the program's own interfaces that class {@code name} answers with a member a shared
     * superclass gives it. A call through the interface names only program classes, yet the JVM
     * runs the shared member: {@code interface Par { Stream<?> parallelStream(); }} on a class
     * extending {@code ArrayList} is {@code Collection.parallelStream()} under another name. Each
     * such method is checked as if the class had called it on itself.
     */
    private List<Finding> contractsFulfilledByInheritance(String name, ClassAnalysis a, Map<String, ClassAnalysis> program) {
        var chain = new ArrayList<ClassAnalysis>();
        for (var c = a; c != null && chain.size() <= program.size(); c = c.superName() == null ? null : program.get(c.superName())) {
            chain.add(c);
        }
        var interfaces = new LinkedHashMap<String, ClassAnalysis>();
        var queue = new ArrayDeque<String>();
        for (var c : chain) queue.addAll(c.interfaces());
        while (!queue.isEmpty()) {
            String type = queue.poll();
            var i = program.get(type);
            if (i == null || interfaces.containsKey(type)) continue;
            interfaces.put(type, i);
            queue.addAll(i.interfaces());
        }
        var out = new ArrayList<Finding>();
        var seen = new HashSet<String>();
        for (var entry : interfaces.entrySet()) {
            for (String method : entry.getValue().contract()) {
                if (!seen.add(method)) continue;
                int paren = method.indexOf('(');
                var ref = new Deferred(Integer.MAX_VALUE, null, -1, "", name, method.substring(0, paren), method.substring(paren), false);
                var hit = resolve(ref, program);
                if (hit == null) continue;
                out.add(new Finding(Integer.MAX_VALUE, null, -1, "implements "
                        + Names.member(entry.getKey(), ref.name(), ref.desc(), false) + " with the one it inherits from " + hit.owner, hit.why));
            }
        }
        return out;
    }

    private static String line(String className, Why why, List<Finding> group) {
        var first = group.getFirst();
        var sb = new StringBuilder(className);
        if (first.method() != null) sb.append('.').append(first.method());
        if (first.offset() >= 0) sb.append(" @").append(first.offset());
        sb.append(": ").append(first.action());
        var others = new ArrayList<String>();
        var seen = new HashSet<String>();
        seen.add(first.method() + "|" + first.action());
        for (var f : group.subList(1, group.size())) {
            if (!seen.add(f.method() + "|" + f.action())) continue;
            var o = new StringBuilder(f.action());
            if (f.method() != null && !f.method().equals(first.method())) o.append(" in ").append(f.method());
            else if (f.method() == null && first.method() != null) o.append(" (class)");
            if (f.offset() >= 0) o.append(" @").append(f.offset());
            others.add(o.toString());
        }
        if (!others.isEmpty()) {
            sb.append(" (also ").append(String.join(", ", others.subList(0, Math.min(ALSO_SHOWN, others.size()))));
            if (others.size() > ALSO_SHOWN) sb.append(", and ").append(others.size() - ALSO_SHOWN).append(" more");
            sb.append(')');
        }
        return Names.printable(sb.append(": ").append(why.text()).toString());
    }

    private record Hit(String owner, Why why) {}

    /** A member reference as resolution sees it: where it lands depends on nothing else. */
    private record Reference(String owner, String name, String desc, boolean field) {}

    /**
     * Where a reference to a member of a program class lands: in a program class that declares it
     * (whose code is checked where it is), or in a shared supertype, checked against the
     * allow-list. The superclass chain first, as the JVM resolves; then the superinterfaces of
     * every class on it (default methods, interface fields). A class the program does not hold
     * ends that path: the class cannot load.
     */
    private Hit resolve(Deferred ref, Map<String, ClassAnalysis> program) {
        var chain = new ArrayList<ClassAnalysis>();
        for (String t = ref.owner(); t != null; ) {
            var a = program.get(t);
            if (a == null) {
                if (chain.isEmpty()) return null;
                if (Names.isShared(t)) {
                    Why why = allow.member(t, ref.name(), ref.desc());
                    if (why != null) return new Hit(t, why);
                }
                break;
            }
            if (a.declares(ref)) return null;
            chain.add(a);
            if (chain.size() > program.size()) return null; // a cycle: such classes cannot load
            t = a.superName();
        }
        var seen = new HashSet<String>();
        var queue = new ArrayDeque<String>();
        for (var a : chain) queue.addAll(a.interfaces());
        while (!queue.isEmpty()) {
            String type = queue.poll();
            if (!seen.add(type)) continue;
            var a = program.get(type);
            if (a == null) {
                if (Names.isShared(type)) {
                    Why why = allow.member(type, ref.name(), ref.desc());
                    if (why != null) return new Hit(type, why);
                }
            } else if (!a.declares(ref)) {
                queue.addAll(a.interfaces());
            }
        }
        return null;
    }

    /** A class file's bytes as a cache key: equal bytes, equal analysis. */
    private static final class Content {
        private final byte[] bytes;
        private final int hash;

        Content(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) { return o instanceof Content c && c.hash == hash && Arrays.equals(c.bytes, bytes); }

        @Override
        public int hashCode() { return hash; }
    }
}
