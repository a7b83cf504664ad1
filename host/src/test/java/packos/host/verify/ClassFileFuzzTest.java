package packos.host.verify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.classfile.ClassFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import packos.host.protect.instrument.Instrumenter;
import packos.host.protect.verify.AllowListVerifier;

/**
 * Coverage-guided fuzzing of the load-time verifier and the instrumenter (Jazzer). Plain
 * {@code mvn test} replays the stored inputs under {@code ClassFileFuzzTestInputs/<method>/} as
 * regression tests; {@code JAZZER_FUZZ=1 mvn test -Djazzer.hooks=true -Dtest=ClassFileFuzzTest#method}
 * fuzzes one method (see the host README).
 *
 * <p>What must hold for any input: the verifier answers (passes or refuses, one line per refusal,
 * no line breaks in a line) and never throws; and a class it passes is either instrumented into a
 * class file that is as valid as the original (it parses, and the JDK's verifier and, unless the
 * instrumenter had to raise its version, a class loader accept it whenever they accept the
 * original) or refused with the ClassFormatError the instrumenter documents.
 */
class ClassFileFuzzTest {
    private static final AllowListVerifier VERIFIER = new AllowListVerifier();
    private static final Instrumenter INSTRUMENTER = Instrumenter.standard();

    /** Raw bytes as a class file, under the name the verifier is asked for and every program class name it reaches. */
    @FuzzTest(maxDuration = "10m")
    void anyBytesGetAnAnswerNeverAThrow(byte[] bytes) {
        verify(name -> bytes);
    }

    /** Up to three program classes made from the fuzzer's choices, naming each other (supertype cycles included). */
    @FuzzTest(maxDuration = "10m")
    void madeClassesGetAnAnswerNeverAThrow(FuzzedDataProvider data) {
        Map<String, byte[]> classes = new HashMap<>();
        for (String name : FuzzedClasses.PROGRAM) {
            if (data.remainingBytes() == 0) break;
            byte[] bytes = FuzzedClasses.build(data, name);
            if (bytes != null) classes.put(name, bytes);
        }
        if (verify(classes::get).isEmpty()) classes.forEach(ClassFileFuzzTest::instrumentsAsValidAsTheOriginal);
    }

    /** The instrumenter on raw bytes the verifier passes: nothing but its documented ClassFormatError comes out. */
    @FuzzTest(maxDuration = "10m")
    void passedClassesInstrumentIntoValidClasses(byte[] bytes) {
        // Asked for under the name it declares, as a loader would, so that a real class can pass.
        String name;
        try {
            name = ClassFile.of().parse(bytes).thisClass().asInternalName().replace('/', '.');
        } catch (RuntimeException | StackOverflowError e) {
            return;
        }
        if (VERIFIER.check(List.of(name), n -> n.equals(name) ? bytes : null).clean()) instrumentsAsValidAsTheOriginal(name, bytes);
    }

    private static List<String> verify(packos.host.protect.ClassSource source) {
        var report = assertDoesNotThrow(() -> VERIFIER.check(List.of("fuzz.Target"), source));
        for (String line : report.refusals()) {
            assertFalse(line.isEmpty(), "an empty refusal line");
            assertTrue(line.chars().noneMatch(c -> c < 0x20 || c == 0x7f), () -> "a control character in a refusal line: " + line);
        }
        return report.refusals();
    }

    private static void instrumentsAsValidAsTheOriginal(String name, byte[] original) {
        byte[] instrumented;
        try {
            instrumented = INSTRUMENTER.transform(name, original.clone());
        } catch (ClassFormatError refused) {
            return;
        }
        var parsed = assertDoesNotThrow(() -> ClassFile.of().parse(instrumented), "the instrumenter wrote a class file that does not parse");
        assertEquals(ClassFile.of().parse(original).thisClass().asInternalName(), parsed.thisClass().asInternalName());
        if (jdkVerifierAccepts(original)) {
            assertEquals(List.of(), ClassFile.of().verify(instrumented), "the instrumenter broke a class the JDK's verifier accepts");
        }
        // A class older than Java 11 is raised to version 55, where flags it holds may mean what they did
        // not (ACC_ANNOTATION was no flag before Java 5): the class loader may refuse it then, and the
        // class never runs, which is all the instrumenter promises for it.
        boolean raised = ClassFile.of().parse(original).majorVersion() < Instrumenter.CONDY_VERSION;
        if (!raised && Throwaway.refusal(original) == null) {
            assertEquals(null, Throwaway.refusal(instrumented), "a class loader refuses the instrumented class but not the original");
        }
    }

    /**
     * Whether the ClassFile API's verifier accepts the bytes. It checks every constant-pool entry by
     * making its symbol, and a dynamic constant that is its own bootstrap argument, even one no
     * code uses (which the load-time verifier rightly ignores), overflows its stack: no verdict then.
     */
    private static boolean jdkVerifierAccepts(byte[] bytes) {
        try {
            return ClassFile.of().verify(bytes).isEmpty();
        } catch (StackOverflowError e) {
            return false;
        }
    }

    /** A class loader used once: what the JVM's own class-file checks say of the bytes, or null if they accept them. */
    private static final class Throwaway extends ClassLoader {
        Throwaway() { super(ClassFileFuzzTest.class.getClassLoader()); }

        static String refusal(byte[] bytes) {
            try {
                new Throwaway().defineClass(null, bytes, 0, bytes.length);
                return null;
            } catch (LinkageError | SecurityException e) {
                return e.toString();
            }
        }
    }
}
