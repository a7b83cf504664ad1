package packos.host.protect.verify;

import java.util.List;
import java.util.Set;

/**
 * What one class file holds that matters to the verifier, independent of the program around it
 * (so it can be cached by the bytes): the refusals its own code earns, the references to members
 * of non-shared classes (resolved against the program's other classes later), and the non-shared
 * classes it names (the rest of the program).
 *
 * @param name       the class the file declares (binary name)
 * @param superName  its superclass, or null
 * @param declared   its own members: methods as {@code name + descriptor}, fields as {@code name + ":" + descriptor}
 * @param program    non-shared classes it names anywhere (constant pool, descriptors)
 * @param contract   for an interface, the instance methods it declares ({@code name + descriptor}) that a class
 *                   implementing it may fulfil with a method it inherits; empty for a class
 */
record ClassAnalysis(String name, String superName, List<String> interfaces, Set<String> declared,
                     List<Finding> findings, List<Deferred> deferred, List<String> program, List<String> contract) {

    /** A refusal: where (method display and bytecode offset, or class-level), what was done, and why. */
    record Finding(int seq, String method, int offset, String action, Why why) {}

    /**
     * A reference to a member of a non-shared class that this class does not declare itself: it
     * may be inherited from a shared class (a program class extending {@code ArrayList} that calls
     * {@code parallelStream()}), so it is checked once the program's classes are all known.
     */
    record Deferred(int seq, String method, int offset, String verb, String owner, String name, String desc, boolean field) {
        String key() { return field ? name + ":" + desc : name + desc; }
    }

    boolean declares(Deferred ref) { return declared.contains(ref.key()); }
}
