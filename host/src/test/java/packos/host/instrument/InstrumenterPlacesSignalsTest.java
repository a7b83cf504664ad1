package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import packos.host.instrument.fixtures.Shapes;
import packos.host.instrument.fixtures.Workloads;
import packos.host.protect.instrument.Instrumenter;
import packos.kernel.Signals;

/** Where the instrumenter puts preemption points and heap charges, read back from its output. */
class InstrumenterPlacesSignalsTest {
    private static final String SIGNALS = Signals.class.getName().replace('.', '/');

    private static ClassModel instrumented(Class<?> type) { return instrumented(type, Instrumenter.standard()); }

    private static ClassModel instrumented(Class<?> type, Instrumenter instrumenter) {
        byte[] out = instrumenter.transform(type.getName(), InstrumentingLoader.original(type.getName()));
        return ClassFile.of().parse(out);
    }

    private static MethodModel method(ClassModel model, String name) {
        return model.methods().stream().filter(m -> m.methodName().equalsString(name)).findFirst().orElseThrow();
    }

    /** The method's code as words: "poll" for a call to Signals.poll, "label", or the opcode's name. */
    private static List<String> words(MethodModel method) {
        var words = new ArrayList<String>();
        for (CodeElement e : method.code().orElseThrow()) {
            if (e instanceof InvokeInstruction i && i.owner().asInternalName().equals(SIGNALS)) {
                words.add(i.name().stringValue());
            } else if (e instanceof LabelTarget) {
                words.add("label");
            } else if (e instanceof Instruction i) {
                // ldc and ldc_w are one instruction to us: which one depends on the pool's size.
                words.add(i.opcode().name().toLowerCase().replace("ldc_w", "ldc"));
            }
        }
        return words;
    }

    private static long count(List<String> words, String word) { return words.stream().filter(word::equals).count(); }

    @Test
    void everyMethodPollsFirstOfAllEvenOneThatCallsNothing() {
        // JDK code may call a method that calls nothing (a lambda's body) for ever: its entry is the only poll there is.
        for (String name : List.of("leaf", "caller")) {
            var words = words(method(instrumented(Shapes.class), name));
            assertEquals(List.of("ldc", "poll"), words.subList(0, 2), words::toString);
            assertEquals(1, count(words, "poll"), name);
        }
    }

    @Test
    void staticInitializerCountsItsEntryAndEachReturn() {
        var words = words(method(instrumented(Initialized.class), "<clinit>"));
        assertEquals(List.of("ldc", "enterInitializer", "ldc", "poll"), words.subList(0, 4), words::toString);
        assertEquals(1, count(words, "enterInitializer"), words::toString);
        long returns = count(words, "return");
        assertTrue(returns >= 1, words::toString);
        assertEquals(returns, count(words, "leaveInitializer"), words::toString);
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals("return")) assertEquals("leaveInitializer", words.get(i - 1), words::toString);
        }
        var other = words(method(instrumented(Initialized.class), "value"));
        assertFalse(other.contains("enterInitializer") || other.contains("leaveInitializer"), other::toString);
    }

    @Test
    void methodReferenceToAnotherClassGoesThroughABridgeThatPolls() {
        var model = instrumented(Workloads.class);
        var bridges = model.methods().stream().filter(m -> m.methodName().stringValue().startsWith("packos$bridge$")).toList();
        // Workloads refers to String::length, Integer::intValue and TreeMap::new, among others.
        assertTrue(bridges.size() >= 3, bridges::toString);
        for (var bridge : bridges) {
            var words = words(bridge);
            assertEquals(List.of("ldc", "poll"), words.subList(0, 2), words::toString);
            assertTrue(bridge.flags().has(java.lang.reflect.AccessFlag.SYNTHETIC) && bridge.flags().has(java.lang.reflect.AccessFlag.PRIVATE));
        }
        // No call site still names another class's method as a lambda's body (the regex redirections poll inside).
        for (var m : model.methods()) {
            for (var e : m.code().map(c -> c.elementList()).orElse(List.of())) {
                if (e instanceof java.lang.classfile.instruction.InvokeDynamicInstruction d
                        && d.bootstrapMethod().owner().displayName().equals("LambdaMetafactory")
                        && d.bootstrapArgs().get(1) instanceof java.lang.constant.DirectMethodHandleDesc h) {
                    assertTrue(h.owner().equals(model.thisClass().asSymbol()) || h.owner().displayName().equals("PreemptibleRegex"),
                            () -> m.methodName() + " still refers to " + h);
                }
            }
        }
    }

    /** A class with a static initializer that loops and may return early. */
    static final class Initialized {
        static final int[] TABLE = new int[16];

        static {
            for (int i = 0; i < TABLE.length; i++) TABLE[i] = i * i;
        }

        static int value(int i) { return TABLE[i & 15]; }
    }

    @Test
    void loopPollsRightBeforeItsBackEdgeOnly() {
        for (String name : List.of("loop", "doWhile")) {
            var code = method(instrumented(Shapes.class), name).code().orElseThrow();
            var seen = new HashSet<>();
            int backEdges = 0;
            CodeElement previous = null;
            for (CodeElement e : code) {
                if (e instanceof LabelTarget t) seen.add(t.label());
                if (e instanceof BranchInstruction b && seen.contains(b.target())) {
                    backEdges++;
                    assertTrue(previous instanceof InvokeInstruction i && i.name().equalsString("poll"),
                            name + ": the back-edge " + b + " is not preceded by a poll");
                }
                if (e instanceof Instruction) previous = e;
            }
            assertEquals(1, backEdges, name);
            // The back-edge's poll and the entry's.
            assertEquals(2, count(words(method(instrumented(Shapes.class), name)), "poll"), name);
        }
    }

    @Test
    void switchThatOnlyJumpsForwardIsNoPreemptionPoint() {
        // Only the entry's poll.
        assertEquals(1, count(words(method(instrumented(Shapes.class), "forwardSwitch")), "poll"));
    }

    @Test
    void exceptionHandlerResetsTheStackCountAndPollsOnEntry() {
        var words = words(method(instrumented(Shapes.class), "handler"));
        assertEquals(2, count(words, "poll"), words::toString);
        int poll = words.lastIndexOf("poll");
        assertEquals(List.of("label", "ldc", "sipush", "resume", "ldc", "poll", "astore_1"), words.subList(poll - 5, poll + 2), words::toString);
    }

    @Test
    void aMethodCountsItsFrameAtEntryAndGivesItBackAtEveryExit() {
        var words = words(method(instrumented(Shapes.class), "handler"));
        assertEquals(1, count(words, "enter"), words::toString);
        // Two returns, and the handler around the whole body that rethrows.
        assertEquals(3, count(words, "leave"), words::toString);
        assertEquals(List.of("leave", "athrow"), words.subList(words.size() - 2, words.size()), words::toString);
    }

    @Test
    void aConstructorIsCountedFromItsSuperCallOnAndAStaticInitializerNotAtAll() {
        var model = instrumented(Shapes.class);
        int constructors = 0;
        for (var m : model.methods()) {
            if (m.code().isEmpty()) continue;
            String name = m.methodName().stringValue();
            var words = words(m);
            if (name.equals("<clinit>")) assertEquals(0, count(words, "enter"), name);
            if (name.equals("<init>")) {
                constructors++;
                assertEquals(1, count(words, "enter"), words::toString);
                assertTrue(words.indexOf("invokespecial") < words.indexOf("enter"), words::toString);
            }
        }
        assertTrue(constructors > 0);
    }

    @Test
    void abstractAndNativeMethodsAreLeftWithoutCode() {
        var model = instrumented(Shapes.class);
        assertTrue(method(model, "abstractMethod").code().isEmpty());
        assertTrue(method(model, "nativeMethod").code().isEmpty());
    }

    @Test
    void eachClassHoldsOneDynamicConstantForItsSignalsAndOneForItsIdentities() {
        var model = instrumented(Workloads.class);
        var entries = new ArrayList<ConstantDynamicEntry>();
        model.constantPool().forEach(e -> {
            if (e instanceof ConstantDynamicEntry d) entries.add(d);
        });
        var types = entries.stream().map(d -> d.type().stringValue()).sorted().toList();
        assertEquals(java.util.List.of("Lpackos/kernel/Identities;", "L" + SIGNALS + ";"), types, entries::toString);
        for (var d : entries) {
            var bootstrap = d.bootstrap().bootstrapMethod().reference();
            assertEquals("bootstrap", bootstrap.name().stringValue());
            assertEquals(d.type().stringValue(), "L" + bootstrap.owner().asInternalName() + ";");
        }
    }

    @Test
    void newObjectIsChargedRightAfterTheNewSoItsLabelStillMarksIt() {
        var words = words(method(instrumented(Workloads.class), "records"));
        int at = words.indexOf("new");
        assertEquals(List.of("new", "ldc", "ldc2_w", "allocated"), words.subList(at, at + 4), words::toString);
    }

    @Test
    void arraysAreChargedBeforeTheyAreMadeWithTheirCountOnTheStack() {
        var words = words(method(instrumented(Workloads.class), "arrays"));
        for (String op : List.of("newarray", "anewarray")) {
            int at = words.indexOf(op);
            assertEquals(List.of("ldc", "swap"), words.subList(at - 4, at - 2), op + " in " + words);
            assertEquals("allocatedArray", words.get(at - 1), op + " in " + words);
        }
        var multi = words(method(instrumented(Workloads.class), "multiArrays"));
        int at = multi.indexOf("multianewarray");
        assertTrue(multi.subList(0, at).contains("allocated"), multi::toString);
    }

    @Test
    void classThatCannotBeInstrumentedIsRefusedByName() {
        var error = assertThrows(ClassFormatError.class, () -> Instrumenter.standard().transform("x.Broken", new byte[] {1, 2, 3}));
        assertTrue(error.getMessage().contains("x.Broken"), error.getMessage());
    }

    @Test
    void withoutPreemptionAndHeapPointsOnlyTheDeterminismRewritesRemain() {
        var model = instrumented(Workloads.class, new Instrumenter(new Instrumenter.Points(false, false)));
        for (var m : model.methods()) {
            assertFalse(words(m).contains("poll"), m.methodName().stringValue());
            assertFalse(words(m).contains("allocated"), m.methodName().stringValue());
        }
    }

    @Test
    void classWithoutLoopsCallsOrAllocationsStillLoads() {
        assertFalse(words(method(instrumented(Shapes.class), "leaf")).contains("allocated"));
    }

    @Test
    void aConstructorInitializingThisOnTwoBranchesIsRefusedSinceItCouldNotBeCounted() {
        // Legal bytecode javac never writes: recursion through it would overflow where the JIT's frames end.
        var object = java.lang.constant.ConstantDescs.CD_Object;
        byte[] bytes = java.lang.classfile.ClassFile.of().build(java.lang.constant.ClassDesc.of("TwoWays"), clb -> clb
                .withSuperclass(object)
                .withMethodBody("<init>", java.lang.constant.MethodTypeDesc.of(java.lang.constant.ConstantDescs.CD_void,
                        java.lang.constant.ConstantDescs.CD_boolean), java.lang.classfile.ClassFile.ACC_PUBLIC, cb -> {
                    var other = cb.newLabel();
                    cb.iload(1).ifeq(other)
                            .aload(0).invokespecial(object, "<init>", java.lang.constant.ConstantDescs.MTD_void).return_()
                            .labelBinding(other)
                            .aload(0).invokespecial(object, "<init>", java.lang.constant.ConstantDescs.MTD_void).return_();
                }));
        var error = org.junit.jupiter.api.Assertions.assertThrows(ClassFormatError.class,
                () -> Instrumenter.standard().transform("TwoWays", bytes));
        assertTrue(error.getMessage().contains("does not initialize this once"), error.getMessage());
    }
}
