package packos.host.protect.verify;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.Attributes;
import java.lang.classfile.BootstrapMethodEntry;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.LoadableConstantEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.constantpool.MethodTypeEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.invoke.MethodHandleInfo;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import packos.host.protect.ReservedNames;
import packos.host.protect.verify.ClassAnalysis.Deferred;
import packos.host.protect.verify.ClassAnalysis.Finding;

/**
 * Reads one class file with the JDK ClassFile API and checks everything its code can do: each
 * instruction that names a class or member (calls, field accesses, allocations, casts, class,
 * method-handle and method-type constants), each invokedynamic and dynamic constant (bootstrap
 * and static arguments), monitors, and the class's own declarations (supertypes, native,
 * synchronized and finalize methods, its package). Unused constant-pool entries do nothing, so
 * they are neither refused nor followed.
 */
final class Analyzer {
    /** Line numbers, local variable names and the like say nothing about what code does: skipped, for speed. */
    private static final ClassFile CLASS_FILE = ClassFile.of(ClassFile.DebugElementsOption.DROP_DEBUG,
            ClassFile.LineNumbersOption.DROP_LINE_NUMBERS);

    /**
     * Dynamic constants nest in bootstrap arguments no deeper than this: javac nests two or three
     * (an enum constant's descriptor in a pattern switch). A class file can chain thousands, and
     * nothing of the language needs more, so a deeper chain is refused rather than walked.
     */
    static final int BOOTSTRAP_DEPTH = 64;
    private static final int DETAIL_MAX = 200;

    private final AllowList allow;
    private final ClassModel model;
    private final String self;
    private final List<Finding> findings = new ArrayList<>();
    private final List<Deferred> deferred = new ArrayList<>();
    private final Set<String> declared = new HashSet<>();
    /** Classes of the program (not shared) this class names where the JVM may load them. */
    private final Set<String> program = new LinkedHashSet<>();
    /** Dynamic constants (by pool index) whose bootstrap and arguments have been checked: each is walked once per class. */
    private final Set<Integer> walked = new HashSet<>();
    private int seq;
    private int offset;
    // The method being walked, and its display name once something needs it.
    private MethodModel method;
    private String methodDisplay;

    private Analyzer(AllowList allow, ClassModel model) {
        this.allow = allow;
        this.model = model;
        this.self = Names.binary(model.thisClass().asInternalName());
    }

    /**
     * Analyzes one class file; a file that cannot be read is one refusal. This is the one place the
     * ClassFile API meets a program's bytes for the verifier, so it is the one place that fails
     * closed: the API reports damage lazily, wherever it finds it, mostly as IllegalArgumentException
     * but also as other runtime exceptions and errors, and whatever it throws refuses the class. A
     * stack overflow (from a structure nested deeper than anything here expects) refuses it too: the
     * stack is unwound by the time it is caught. Other VirtualMachineErrors (out of memory, an
     * internal error) are the host JVM's trouble, not this class's, and go on up.
     */
    static ClassAnalysis analyze(AllowList allow, byte[] bytes) {
        try {
            return new Analyzer(allow, CLASS_FILE.parse(bytes)).run();
        } catch (StackOverflowError e) {
            return unreadable("nested too deeply to read");
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return unreadable(detail(e));
        }
    }

    private static ClassAnalysis unreadable(String detail) {
        var f = new Finding(0, null, -1, "cannot be read (" + detail + ")", Why.MALFORMED);
        return new ClassAnalysis(null, null, List.of(), Set.of(), List.of(f), List.of(), List.of(), List.of());
    }

    /** What went wrong, on one line and short: the API's messages can quote a whole malformed name. */
    static String detail(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
        return message.length() <= DETAIL_MAX ? message : message.substring(0, DETAIL_MAX) + "...";
    }

    private ClassAnalysis run() {
        if (model.isModuleInfo()) return new ClassAnalysis(self, null, List.of(), Set.of(), List.of(), List.of(), List.of(), List.of());
        for (MethodModel m : model.methods()) declared.add(m.methodName().stringValue() + m.methodType().stringValue());
        for (FieldModel f : model.fields()) declared.add(f.fieldName().stringValue() + ":" + f.fieldType().stringValue());

        if (Names.isHost(self)) classLevel("is declared in the host's package", Why.HOST_CODE);
        else if (Names.isShared(self)) classLevel("is declared in shared package " + ReservedNames.packageOf(self), Why.SHARED_PACKAGE);
        var superEntry = model.superclass().orElse(null);
        String superName = null;
        if (superEntry != null) {
            superName = Names.binary(superEntry.asInternalName());
            supertype(superEntry, "extends ");
        }
        var interfaces = new ArrayList<String>();
        for (ClassEntry i : model.interfaces()) {
            interfaces.add(Names.binary(i.asInternalName()));
            supertype(i, "implements ");
        }
        for (MethodModel m : model.methods()) {
            if (m.code().orElse(null) instanceof java.lang.classfile.attribute.CodeAttribute code && code.codeLength() == 0) {
                classLevel("declares method " + Analyzer.shortName(m.methodName().stringValue()) + " with an empty Code attribute", Why.MALFORMED);
            }
            if (!describes(m)) classLevel("declares method " + Analyzer.shortName(m.methodName().stringValue())
                    + " with malformed descriptor " + Analyzer.shortName(m.methodType().stringValue()), Why.MALFORMED);
        }
        for (FieldModel f : model.fields()) {
            try {
                f.fieldTypeSymbol();
            } catch (IllegalArgumentException e) {
                classLevel("declares field " + Analyzer.shortName(f.fieldName().stringValue())
                        + " with malformed descriptor " + Analyzer.shortName(f.fieldType().stringValue()), Why.MALFORMED);
            }
        }
        for (MethodModel m : model.methods()) walk(m);
        // The JVM loads a nest host to check private access between nestmates.
        model.findAttribute(Attributes.nestHost()).ifPresent(h -> mentionClass(-1, "names nest host ", h.nestHost().asInternalName()));
        return new ClassAnalysis(self, superName, List.copyOf(interfaces), Set.copyOf(declared), List.copyOf(findings),
                List.copyOf(deferred), List.copyOf(programClasses()), contract());
    }

    /** Whether a method's descriptor reads as one: a crafted class may give it any string. */
    private static boolean describes(MethodModel m) {
        try {
            m.methodTypeSymbol();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A name from the class file as a refusal quotes it: short, whatever its length. */
    static String shortName(String s) { return s.length() <= DETAIL_MAX ? s : s.substring(0, DETAIL_MAX) + "..."; }

    /** An interface's instance methods: what a class implementing it answers, possibly with a method a shared superclass gives it. */
    private List<String> contract() {
        if (!model.flags().has(AccessFlag.INTERFACE)) return List.of();
        var out = new ArrayList<String>();
        for (MethodModel m : model.methods()) {
            if (m.flags().has(AccessFlag.STATIC) || m.flags().has(AccessFlag.PRIVATE) || !describes(m)) continue;
            out.add(m.methodName().stringValue() + m.methodType().stringValue());
        }
        return List.copyOf(out);
    }

    private void supertype(ClassEntry entry, String verb) {
        var c = allow.info(entry.asInternalName());
        switch (c.origin()) {
            case HOST -> classLevel(verb + c.binary(), Why.HOST_CODE);
            case SHARED -> {
                Why why = allow.supertype(c);
                if (why != null) classLevel(verb + c.binary(), why);
            }
            case PROGRAM -> program.add(c.binary());
        }
    }

    private void walk(MethodModel m) {
        method = m;
        methodDisplay = null;
        String name = m.methodName().stringValue();
        String desc = m.methodType().stringValue();
        if (m.flags().has(AccessFlag.NATIVE)) at(-1, "is declared native", Why.JNI);
        if (m.flags().has(AccessFlag.SYNCHRONIZED)) at(-1, "is declared synchronized", Why.SHARED_LOCK);
        if (name.equals("finalize") && desc.equals("()V") && !m.flags().has(AccessFlag.STATIC)) at(-1, "overrides finalize()", Why.FINALIZER);
        var code = m.code().orElse(null);
        if (code != null) walk(code);
        method = null;
    }

    private void walk(CodeModel code) {
        offset = 0;
        code.forEach(this::element);
    }

    private void element(CodeElement e) {
        if (e instanceof Instruction i) {
            instruction(i, offset);
            offset += i.sizeInBytes();
        } else if (e instanceof ExceptionCatch c && c.catchType().isPresent()) {
            var type = allow.info(c.catchType().get().asInternalName());
            if (type.origin() == AllowList.Origin.PROGRAM) program.add(type.binary());
        }
    }

    private void instruction(Instruction i, int at) {
        switch (i) {
            case InvokeInstruction inv -> {
                String verb = inv.name().equalsString("<init>") ? "constructs " : "calls ";
                member(at, verb, inv.owner(), inv.name().stringValue(), inv.type().stringValue(), false);
            }
            case FieldInstruction f -> {
                boolean write = f.opcode() == Opcode.PUTFIELD || f.opcode() == Opcode.PUTSTATIC;
                member(at, write ? "writes " : "reads ", f.owner(), f.name().stringValue(), f.type().stringValue(), true);
            }
            case NewObjectInstruction n -> mention(at, "creates ", n.className());
            case TypeCheckInstruction t -> mention(at, t.opcode() == Opcode.CHECKCAST ? "casts to " : "tests instanceof ", t.type());
            case NewReferenceArrayInstruction a -> mention(at, "creates an array of ", a.componentType());
            case NewMultiArrayInstruction a -> mention(at, "creates an array ", a.arrayType());
            case ConstantInstruction.LoadConstantInstruction ldc -> constants(at, List.of(ldc.constantEntry()), "loads ");
            case InvokeDynamicInstruction indy -> {
                for (String c : Names.classesIn(indy.type().stringValue())) mentionClass(at, "links a call site typed with ", c);
                var b = indy.invokedynamic().bootstrap();
                bootstrapMethod(at, b, "links call site " + indy.name().stringValue());
                constants(at, b.arguments(), "passes ");
            }
            case MonitorInstruction mon when mon.opcode() == Opcode.MONITORENTER ->
                    at(at, "enters a monitor (a synchronized block)", Why.SHARED_LOCK);
            default -> { }
        }
    }

    /** A step of the walk over bootstrap arguments: a dynamic constant being walked, and where its parent's walk resumes. */
    private record Step(ConstantDynamicEntry constant, Iterator<LoadableConstantEntry> parent) {}

    /**
     * Loadable constants, from ldc ({@code verb} "loads ") or a call site's static arguments
     * ("passes "), and every dynamic constant they pass along, transitively: each bootstrap method
     * is vetted and each argument checked like any reference. The arguments form a graph the class
     * file draws, so it is walked without recursion and each dynamic constant once per class
     * (shared arguments would otherwise be walked once per path, exponentially often); a constant
     * met again on its own path (a cycle, which can never be made) or a path deeper than
     * {@link #BOOTSTRAP_DEPTH} is refused in the name of the constant the instruction uses.
     */
    private void constants(int at, List<LoadableConstantEntry> roots, String verb) {
        var path = new ArrayList<Step>();
        Iterator<LoadableConstantEntry> current = roots.iterator();
        while (true) {
            if (!current.hasNext()) {
                if (path.isEmpty()) return;
                var done = path.removeLast();
                walked.add(done.constant().index());
                current = done.parent();
                continue;
            }
            var c = current.next();
            boolean argument = !path.isEmpty() || !verb.equals("loads ");
            if (!(c instanceof ConstantDynamicEntry cd)) {
                if (c instanceof MethodHandleEntry mh && argument) handle(at, "refers to ", mh);
                else constant(at, c, path.isEmpty() ? verb : "passes ");
                continue;
            }
            if (walked.contains(cd.index())) continue;
            int again = indexOn(path, cd);
            if (again >= 0) {
                var through = new ArrayList<String>();
                for (var step : path.subList(again + 1, path.size())) through.add(step.constant().name().stringValue());
                at(at, (again == 0 ? verb : "passes ") + "dynamic constant " + cd.name().stringValue() + ", which is its own bootstrap argument"
                        + (through.isEmpty() ? "" : " through " + String.join(", ", through)), Why.BOOTSTRAP_CYCLE);
                continue;
            }
            if (path.size() >= BOOTSTRAP_DEPTH) {
                at(at, verb + "dynamic constant " + path.getFirst().constant().name().stringValue()
                        + ", whose bootstrap arguments nest more than " + BOOTSTRAP_DEPTH + " deep", Why.BOOTSTRAP_DEPTH);
                // The whole path is refused with it: none of it is walked again, from here or from elsewhere.
                for (var step : path) walked.add(step.constant().index());
                walked.add(cd.index());
                path.clear();
                current = roots.subList(0, 0).iterator();
                continue;
            }
            for (String k : Names.classesIn(cd.type().stringValue())) {
                mentionClass(at, (path.isEmpty() ? verb : "passes ") + "a dynamic constant of type ", k);
            }
            var b = cd.bootstrap();
            bootstrapMethod(at, b, "makes dynamic constant " + cd.name().stringValue());
            path.add(new Step(cd, current));
            current = b.arguments().iterator();
        }
    }

    private static int indexOn(List<Step> path, ConstantDynamicEntry cd) {
        for (int i = 0; i < path.size(); i++) if (path.get(i).constant().index() == cd.index()) return i;
        return -1;
    }

    /** A loadable constant other than a dynamic one. */
    private void constant(int at, LoadableConstantEntry c, String verb) {
        switch (c) {
            case ClassEntry k -> mention(at, verb + "the class constant ", k);
            case MethodHandleEntry mh -> handle(at, verb + "a method handle to ", mh);
            case MethodTypeEntry mt -> {
                for (String k : Names.classesIn(mt.descriptor().stringValue())) mentionClass(at, verb + "a method type naming ", k);
            }
            default -> { }
        }
    }

    private void handle(int at, String verb, MethodHandleEntry mh) {
        MemberRefEntry ref = mh.reference();
        int kind = mh.kind();
        boolean field = kind <= MethodHandleInfo.REF_putStatic;
        member(at, verb, ref.owner(), ref.name().stringValue(), ref.type().stringValue(), field);
    }

    /** Whether the bootstrap method itself is one the allow-list vets; its arguments are walked by {@link #constants}. */
    private void bootstrapMethod(int at, BootstrapMethodEntry b, String what) {
        MethodHandleEntry bsm = b.bootstrapMethod();
        String owner = Names.binary(bsm.reference().owner().asInternalName());
        String name = bsm.reference().name().stringValue();
        if (!allow.bootstrap(owner, name)) {
            at(at, what + " with bootstrap " + Names.member(owner, name, bsm.reference().type().stringValue(), false), Why.BOOTSTRAP);
        }
    }

    /** A reference to a member; {@code owner} may be an array type (clone, Object's methods). */
    private void member(int at, String verb, ClassEntry ownerEntry, String name, String desc, boolean field) {
        String internal = ownerEntry.asInternalName();
        var owner = allow.info(internal.startsWith("[") ? "java/lang/Object" : internal);
        program.addAll(allow.programClassesIn(desc));
        switch (owner.origin()) {
            case HOST -> {
                if (!owner.binary().equals(self)) at(at, verb + Names.member(Names.type(internal), name, desc, field), Why.HOST_CODE);
            }
            case SHARED -> {
                Why why = owner.binary().equals(self) ? null : allow.member(owner, name, desc);
                if (why != null) at(at, verb + Names.member(Names.type(internal), name, desc, field), why);
            }
            case PROGRAM -> {
                program.add(owner.binary());
                if (owner.binary().equals(self) && declared.contains(field ? name + ":" + desc : name + desc)) return;
                deferred.add(new Deferred(seq++, methodDisplay(), at, verb, owner.binary(), name, desc, field));
            }
        }
    }

    private void mention(int at, String verb, ClassEntry entry) {
        String internal = entry.asInternalName();
        if (internal.startsWith("[")) {
            String element = Names.elementClass(internal);
            if (element != null) mentionClass(at, verb, element.replace('.', '/'), Names.type(internal));
        } else {
            mentionClass(at, verb, internal, null);
        }
    }

    /** A class named in a descriptor, by internal name. */
    private void mentionClass(int at, String verb, String internal) { mentionClass(at, verb, internal, null); }

    private void mentionClass(int at, String verb, String internal, String shown) {
        var c = allow.info(internal);
        if (c.binary().equals(self)) return;
        switch (c.origin()) {
            case HOST -> at(at, verb + (shown != null ? shown : c.binary()), Why.HOST_CODE);
            case SHARED -> {
                Why why = allow.mention(c);
                if (why != null) at(at, verb + (shown != null ? shown : c.binary()), why);
            }
            case PROGRAM -> program.add(c.binary());
        }
    }

    private void at(int offset, String action, Why why) { findings.add(new Finding(seq++, methodDisplay(), offset, action, why)); }

    private void classLevel(String action, Why why) { findings.add(new Finding(seq++, null, -1, action, why)); }

    private String methodDisplay() {
        if (method == null) return null;
        if (methodDisplay == null) methodDisplay = Names.method(method.methodName().stringValue(), method.methodType().stringValue());
        return methodDisplay;
    }

    /**
     * The program classes this class may make the JVM load: the ones its instructions, bootstraps,
     * supertypes and catch clauses name, and the ones in the descriptors of the members it uses or
     * declares. A class named nowhere else (an unused constant-pool entry) can never load.
     */
    private Set<String> programClasses() {
        for (MethodModel m : model.methods()) program.addAll(allow.programClassesIn(m.methodType().stringValue()));
        for (FieldModel f : model.fields()) program.addAll(allow.programClassesIn(f.fieldType().stringValue()));
        program.remove(self);
        return program;
    }
}
