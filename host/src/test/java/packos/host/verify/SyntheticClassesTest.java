package packos.host.verify;

import static java.lang.constant.ConstantDescs.CD_Class;
import static java.lang.constant.ConstantDescs.CD_MethodHandles_Lookup;
import static java.lang.constant.ConstantDescs.CD_MethodType;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import packos.host.protect.ClassSource;
import packos.host.protect.verify.AllowListVerifier;
import packos.host.protect.verify.Why;

/**
 * What javac never writes but a class file can hold: hand-made bootstraps, dynamic constants,
 * method-handle constants, raw monitors, inherited monitor calls, classes in shared packages,
 * misnamed and malformed class files. Built with the ClassFile API.
 */
class SyntheticClassesTest {
    private static final ClassDesc PROCESS = ClassDesc.of("packos.lib.Process");
    private static final MethodTypeDesc MAIN = MethodTypeDesc.of(CD_void, PROCESS);

    private final AllowListVerifier verifier = new AllowListVerifier();
    private final Map<String, byte[]> classes = new HashMap<>();
    private final ClassSource source = classes::get;

    /** A class {@code name} extending {@code superName}, with a {@code main(Process)} whose code {@code body} writes (then returns). */
    private void program(String name, String superName, Consumer<CodeBuilder> body, Consumer<ClassBuilder> more) {
        classes.put(name, ClassFile.of().build(ClassDesc.of(name), cb -> {
            cb.withSuperclass(ClassDesc.of(superName));
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER);
            cb.withMethodBody("main", MAIN, ClassFile.ACC_PUBLIC, code -> {
                body.accept(code);
                code.return_();
            });
            more.accept(cb);
        }));
    }

    private void program(String name, Consumer<CodeBuilder> body) { program(name, "java.lang.Object", body, cb -> { }); }

    private List<String> refusals(String main) { return verifier.check(List.of(main), source).refusals(); }

    private static void assertOneLine(List<String> lines, String start, Why why) {
        assertEquals(1, lines.size(), () -> String.join("\n", lines));
        assertTrue(lines.getFirst().startsWith(start), () -> "expected '" + start + "...', got " + lines.getFirst());
        assertTrue(lines.getFirst().endsWith(": " + why.text()), lines.getFirst());
    }

    @Test
    void aBootstrapOfTheProgramsOwnIsRefused() {
        var self = ClassDesc.of("synth.OwnIndy");
        var bsmType = MethodTypeDesc.of(ConstantDescs.CD_CallSite, CD_MethodHandles_Lookup, CD_String, CD_MethodType);
        var bsm = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, self, "bsm", bsmType);
        program("synth.OwnIndy", "java.lang.Object",
                code -> code.invokedynamic(DynamicCallSiteDesc.of(bsm, "escape", MethodTypeDesc.of(CD_void))),
                cb -> cb.withMethodBody("bsm", bsmType, ClassFile.ACC_STATIC, code -> code.aconst_null().areturn()));
        assertOneLine(refusals("synth.OwnIndy"),
                "synth.OwnIndy.main(Process) @0: links call site escape with bootstrap synth.OwnIndy.bsm(MethodHandles$Lookup, String, MethodType)",
                Why.BOOTSTRAP);
    }

    @Test
    void aDynamicConstantReadingSystemOutThroughGetStaticFinalIsRefused() {
        var getStaticFinal = ConstantDescs.ofConstantBootstrap(ClassDesc.of("java.lang.invoke.ConstantBootstraps"), "getStaticFinal",
                CD_Object, CD_Class);
        var out = DynamicConstantDesc.ofNamed(getStaticFinal, "out", ClassDesc.of("java.io.PrintStream"), ClassDesc.of("java.lang.System"));
        program("synth.CondyOut", code -> code.ldc(out).pop());
        assertOneLine(refusals("synth.CondyOut"), "synth.CondyOut.main(Process) @0: makes dynamic constant out with bootstrap "
                + "java.lang.invoke.ConstantBootstraps.getStaticFinal(MethodHandles$Lookup, String, Class, Class)", Why.BOOTSTRAP);
    }

    @Test
    void aVettedBootstrapWithARefusedMethodHandleArgumentIsRefused() {
        var invoke = ConstantDescs.ofConstantBootstrap(ClassDesc.of("java.lang.invoke.ConstantBootstraps"), "invoke",
                CD_Object, ConstantDescs.CD_MethodHandle, ConstantDescs.CD_Object.arrayType());
        var nanoTime = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, ClassDesc.of("java.lang.System"), "nanoTime",
                MethodTypeDesc.of(CD_long));
        var now = DynamicConstantDesc.ofNamed(invoke, "now", ConstantDescs.CD_Long, nanoTime);
        program("synth.CondyClock", code -> code.ldc(now).pop());
        assertOneLine(refusals("synth.CondyClock"), "synth.CondyClock.main(Process) @0: refers to java.lang.System.nanoTime()", Why.CLOCK);
    }

    @Test
    void aMethodHandleConstantToARefusedMethodIsRefused() {
        var sleep = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, ClassDesc.of("java.lang.Thread"), "sleep",
                MethodTypeDesc.of(CD_void, CD_long));
        program("synth.HandleToSleep", code -> code.ldc(sleep).pop());
        assertOneLine(refusals("synth.HandleToSleep"), "synth.HandleToSleep.main(Process) @0: loads a method handle to java.lang.Thread.sleep(long)",
                Why.SLEEP);
    }

    @Test
    void aClassConstantOfARefusedClassIsRefused() {
        program("synth.ThreadClass", code -> code.ldc(ClassDesc.of("java.lang.Thread")).pop());
        assertOneLine(refusals("synth.ThreadClass"), "synth.ThreadClass.main(Process) @0: loads the class constant java.lang.Thread", Why.THREADS);
    }

    @Test
    void aRawMonitorOnAnInternedStringIsRefused() {
        program("synth.RawMonitor", code -> code.ldc("shared").dup().monitorenter().monitorexit());
        assertOneLine(refusals("synth.RawMonitor"), "synth.RawMonitor.main(Process) @3: enters a monitor", Why.SHARED_LOCK);
    }

    @Test
    void waitInheritedThroughTheProgramsOwnClassesIsRefused() {
        classes.put("synth.Base", ClassFile.of().build(ClassDesc.of("synth.Base"), cb -> cb.withSuperclass(CD_Object)));
        var sub = ClassDesc.of("synth.Sub");
        program("synth.Sub", "synth.Base", code -> code.aload(0).invokevirtual(sub, "wait", MethodTypeDesc.of(CD_void)), cb -> { });
        assertOneLine(refusals("synth.Sub"), "synth.Sub.main(Process) @1: calls synth.Sub.wait() (inherited from java.lang.Object)",
                Why.SHARED_LOCK);
    }

    @Test
    void aProgramsOwnMethodsAreItsOwnBusiness() {
        var self = ClassDesc.of("synth.OwnWait");
        program("synth.OwnWait", "java.lang.Object",
                code -> code.aload(0).invokevirtual(self, "pause", MethodTypeDesc.of(CD_void)),
                cb -> cb.withMethodBody("pause", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC, CodeBuilder::return_));
        assertEquals(List.of(), refusals("synth.OwnWait"));
    }

    @Test
    void aProgramClassInASharedPackageIsRefused() {
        program("java.lang.Helper", code -> { });
        assertOneLine(refusals("java.lang.Helper"), "java.lang.Helper: is declared in shared package java.lang", Why.SHARED_PACKAGE);
        program("packos.kernel.Backdoor", code -> { });
        assertOneLine(refusals("packos.kernel.Backdoor"), "packos.kernel.Backdoor: is declared in shared package packos.kernel",
                Why.SHARED_PACKAGE);
    }

    @Test
    void aClassFileHoldingAnotherClassIsRefused() {
        program("synth.Real", code -> { });
        classes.put("synth.Claimed", classes.get("synth.Real"));
        assertOneLine(refusals("synth.Claimed"), "synth.Claimed: holds class synth.Real", Why.WRONG_NAME);
    }

    @Test
    void aMalformedClassFileIsRefused() {
        classes.put("synth.Broken", new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 65, 0, 9});
        assertOneLine(refusals("synth.Broken"), "synth.Broken: cannot be read (", Why.MALFORMED);
    }

    @Test
    void extendingAPartlyAllowedClassIsRefused() {
        program("synth.MyLoader", "java.lang.ClassLoader", code -> { }, cb -> { });
        assertOneLine(refusals("synth.MyLoader"), "synth.MyLoader: extends java.lang.ClassLoader", Why.CLASS_LOADING);
    }

    @Test
    void aMissingMainClassIsLeftToTheLoader() throws Exception {
        verifier.verify("synth.Nowhere", source);
        var report = verifier.check(List.of("synth.Nowhere"), source);
        assertEquals(List.of(), report.classes());
        assertTrue(report.clean());
    }

    @Test
    void theSameBytesGiveTheSameAnswerFromTheCache() {
        program("synth.Clock", code -> code.invokestatic(ClassDesc.of("java.lang.System"), "nanoTime", MethodTypeDesc.of(CD_long)).pop2());
        var first = refusals("synth.Clock");
        var second = refusals("synth.Clock");
        assertEquals(first, second);
        classes.put("synth.Copy", classes.get("synth.Clock"));
        assertEquals(List.of("synth.Copy: holds class synth.Clock: " + Why.WRONG_NAME.text(),
                first.getFirst().replace("synth.Clock.", "synth.Copy.")), refusals("synth.Copy"));
    }

    @Test
    void aNestedClassNameWithTensOfThousandsOfLevelsIsLookedUpWithoutRecursion() {
        // Each '$' is one more enclosing class to consider: once a frame per level, and a copy of the name per level.
        String deep = "java.lang.Thread" + "$".repeat(60_000);
        program("synth.DeepName", code -> code.new_(ClassDesc.of(deep)).pop());
        var lines = refusals("synth.DeepName");
        assertOneLine(lines, "synth.DeepName.main(Process) @0: creates java.lang.Thread$$$", Why.THREADS);
    }

    @Test
    void aRefusalIsOneLineWhateverTheNamesInTheClassFileHold() {
        // A method name may hold a line break: printed as it is, it would forge a console line of its own.
        var self = ClassDesc.of("synth.Forger");
        classes.put("synth.Forger", ClassFile.of().build(self, cb -> cb.withSuperclass(CD_Object)
                .withMethodBody("x\nkernel: halted", MethodTypeDesc.of(CD_void), ClassFile.ACC_STATIC,
                        code -> code.invokestatic(ClassDesc.of("java.lang.System"), "nanoTime", MethodTypeDesc.of(CD_long)).pop2().return_())));
        assertOneLine(refusals("synth.Forger"), "synth.Forger.x\\u000akernel: halted() @0: calls java.lang.System.nanoTime()",
                Why.CLOCK);
    }
}
