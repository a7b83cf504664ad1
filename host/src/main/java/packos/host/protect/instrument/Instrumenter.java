package packos.host.protect.instrument;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Superclass;
import java.lang.reflect.AccessFlag;
import packos.host.protect.ClassTransformer;

/**
 * Rewrites every program class as its process's loader defines it, so that the kernel can take
 * the CPU from a program that never calls it, kill it, and meter its heap: preemption points at
 * loop back-edges, at the entry of every method and at exception handlers, and a
 * charge at every allocation site (see {@link SignalPoints}). The inserted code calls the
 * process's {@code packos.kernel.Signals}, loaded as a dynamic constant that resolves through the
 * class's own loader, so one class file cannot reach another process's signals.
 *
 * <p>Frames are carried over from the original class, which needs no knowledge of the program's
 * class hierarchy; a class too old for dynamic constants (before Java 11) is raised to version 55
 * and gets frames made afresh; flags that meant nothing in its version and something at 55 (a
 * pre-Java 5 class marked ACC_ANNOTATION) are kept, so the JVM may refuse the raised class when it
 * is defined. A class that cannot be instrumented is refused with a {@link ClassFormatError}
 * naming it, whatever the ClassFile API throws: it never runs uninstrumented.
 */
public final class Instrumenter implements ClassTransformer {
    /** What to plant: preemption points, heap charges, or both. */
    public record Points(boolean preemption, boolean heap) {
        public static final Points ALL = new Points(true, true);
    }

    /** The first class file version with dynamic constants (Java 11). */
    public static final int CONDY_VERSION = ClassFile.JAVA_11_VERSION;

    private static final ClassFile READER = ClassFile.of();
    private static final ClassFile KEEP_FRAMES = ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS);
    private static final ClassFile NEW_FRAMES = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS);

    private final Points points;

    /**
     * @param points what to plant besides the rewrites that keep a program deterministic
     *               ({@link Determinism}), which every program gets, so that a run with preemption
     *               off prints the same as with it on
     */
    public Instrumenter(Points points) {
        this.points = points;
    }

    /** Preemption points and heap charges: what every program gets by default. */
    public static Instrumenter standard() { return new Instrumenter(Points.ALL); }

    public Points points() { return points; }

    @Override
    public byte[] transform(String className, byte[] bytes) {
        try {
            return instrument(bytes);
        } catch (StackOverflowError e) {
            throw refused(className, "nested too deeply", e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // Whatever the ClassFile API throws on bytes it cannot rewrite, the class is refused the
            // one way a class loader refuses a class, so it surfaces as a fault of the loading process.
            throw refused(className, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    private static ClassFormatError refused(String className, String why, Throwable cause) {
        var error = new ClassFormatError("cannot instrument " + className + " for preemption and heap metering: " + why);
        error.initCause(cause);
        return error;
    }

    private byte[] instrument(byte[] bytes) {
        ClassModel model = READER.parse(bytes);
        for (MethodModel m : model.methods()) {
            // The JVM requires code; the ClassFile API, given none, grows its empty buffer for ever.
            if (m.code().orElse(null) instanceof java.lang.classfile.attribute.CodeAttribute code && code.codeLength() == 0) {
                throw new IllegalArgumentException("method " + m.methodName().stringValue() + " has an empty Code attribute");
            }
        }
        boolean raise = model.majorVersion() < CONDY_VERSION;
        var cf = raise ? NEW_FRAMES : KEEP_FRAMES;
        var self = model.thisClass().asSymbol();
        long selfSize = HeapCharge.object(instanceFields(model));
        var bridges = points.preemption() ? new MethodReferenceBridges(self, model.flags().has(AccessFlag.INTERFACE)) : null;
        ClassTransform transform = new ClassTransform() {
            @Override
            public void accept(java.lang.classfile.ClassBuilder clb, java.lang.classfile.ClassElement ce) {
                if (ce instanceof ClassFileVersion && raise) {
                    clb.withVersion(CONDY_VERSION, 0);
                } else if (ce instanceof Superclass sc && Determinism.ORDERED.containsKey(sc.superclassEntry().asSymbol())) {
                    // A program's own HashMap or HashSet iterates in insertion order like the ones it creates.
                    clb.withSuperclass(Determinism.ORDERED.get(sc.superclassEntry().asSymbol()));
                } else if (ce instanceof MethodModel method && method.code().isPresent()) {
                    clb.transformMethod(method, (mb, me) -> {
                        if (me instanceof CodeModel code) {
                            var frames = raise ? null : code.findAttribute(Attributes.stackMapTable()).orElse(null);
                            boolean initializer = method.methodName().equalsString("<clinit>");
                            boolean constructor = method.methodName().equalsString("<init>");
                            if (constructor && points.preemption() && SignalPoints.objectInitializations(code) != 1) {
                                throw new IllegalArgumentException("constructor " + method.methodType().stringValue()
                                        + " does not initialize this once, in code order, before any handler: javac never writes that");
                            }
                            boolean counted = !initializer;
                            int weight = counted && code instanceof java.lang.classfile.attribute.CodeAttribute attribute
                                    ? packos.kernel.StackBudget.weight(attribute.maxLocals(), attribute.maxStack(),
                                            method.flags().has(AccessFlag.SYNCHRONIZED))
                                    : 0;
                            // Determinism first, so that a method reference it redirects (HashSet::new) is bridged as redirected.
                            mb.transformCode(code, new Determinism().andThen(
                                    new SignalPoints(points, self, selfSize, initializer, bridges, code, frames, raise, weight, constructor)));
                        } else {
                            mb.with(me);
                        }
                    });
                } else {
                    clb.with(ce);
                }
            }

            @Override
            public void atEnd(java.lang.classfile.ClassBuilder clb) {
                if (bridges != null) bridges.addTo(clb);
                if (Determinism.needsHashCode(model)) Determinism.addHashCode(clb, self, superclassAfter(model));
            }
        };
        byte[] out = cf.transformClass(model, transform);
        // The ClassFile API reads some malformed pools it then writes out unreadable (a long constant in the
        // last slot): what the instrumenter hands on must read back, or the class is refused here.
        READER.parse(out).thisClass().asInternalName();
        return out;
    }

    /** The superclass as the rewritten class has it (a HashMap or HashSet becomes its insertion-ordered twin). */
    private static java.lang.constant.ClassDesc superclassAfter(ClassModel model) {
        var s = model.superclass().orElseThrow().asSymbol();
        return Determinism.ORDERED.getOrDefault(s, s);
    }

    private static int instanceFields(ClassModel model) {
        int n = 0;
        for (FieldModel f : model.fields()) if (!f.flags().has(AccessFlag.STATIC)) n++;
        return n;
    }
}
