package packos.host.protect.instrument;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.Set;

/**
 * A program's calls that hand its text to the JDK's regular expression engine go to
 * {@code packos.kernel.PreemptibleRegex} instead, which makes the same call over input whose
 * {@code charAt} is a preemption point: the engine backtracks without ever calling program code,
 * so this is the only way to take the CPU back in the middle of a catastrophic match. A call
 * through a method reference ({@code String::matches} in a lambda's bootstrap arguments) is
 * redirected too. Instance methods become static ones taking the receiver first, so the stack at
 * the call does not change.
 */
final class RegexCalls {
    private static final ClassDesc HELPER = ClassDesc.of("packos.kernel.PreemptibleRegex");
    private static final String STRING = "java/lang/String", PATTERN = "java/util/regex/Pattern", MATCHER = "java/util/regex/Matcher";
    private static final String CS = "Ljava/lang/CharSequence;", S = "Ljava/lang/String;";

    /** owner.name+descriptor of every JDK method that runs the engine over text the program hands it. */
    private static final Set<String> REDIRECTED = Set.of(
            STRING + ".matches(" + S + ")Z",
            STRING + ".replaceAll(" + S + S + ")" + S,
            STRING + ".replaceFirst(" + S + S + ")" + S,
            STRING + ".split(" + S + ")[" + S,
            STRING + ".split(" + S + "I)[" + S,
            STRING + ".splitWithDelimiters(" + S + "I)[" + S,
            PATTERN + ".matcher(" + CS + ")L" + MATCHER + ";",
            PATTERN + ".matches(" + S + CS + ")Z",
            PATTERN + ".split(" + CS + ")[" + S,
            PATTERN + ".split(" + CS + "I)[" + S,
            PATTERN + ".splitWithDelimiters(" + CS + "I)[" + S,
            PATTERN + ".splitAsStream(" + CS + ")Ljava/util/stream/Stream;",
            PATTERN + ".asPredicate()Ljava/util/function/Predicate;",
            PATTERN + ".asMatchPredicate()Ljava/util/function/Predicate;",
            MATCHER + ".reset(" + CS + ")L" + MATCHER + ";");

    private RegexCalls() {}

    private static boolean redirected(String owner, String name, String descriptor) {
        return REDIRECTED.contains(owner + "." + name + descriptor);
    }

    /** The helper's descriptor: an instance method's receiver becomes its first parameter. */
    private static MethodTypeDesc helperType(ClassDesc owner, MethodTypeDesc type, boolean instance) {
        return instance ? type.insertParameterTypes(0, owner) : type;
    }

    private static String internalName(ClassDesc c) {
        String d = c.descriptorString();
        return d.substring(1, d.length() - 1);
    }

    static boolean redirects(InvokeInstruction i) {
        return redirected(i.owner().asInternalName(), i.name().stringValue(), i.type().stringValue());
    }

    /** {@code [receiver?, args] -> [result]}: the same call, through the helper. */
    static void redirect(CodeBuilder cb, InvokeInstruction i) {
        boolean instance = i.opcode() != java.lang.classfile.Opcode.INVOKESTATIC;
        cb.invokestatic(HELPER, i.name().stringValue(), helperType(i.owner().asSymbol(), i.typeSymbol(), instance));
    }

    /** The call site with any method handle to a redirected method pointing at the helper; {@code i} itself when there is none. */
    static DynamicCallSiteDesc redirectHandles(InvokeDynamicInstruction i) {
        var args = new ArrayList<ConstantDesc>(i.bootstrapArgs());
        boolean changed = false;
        for (int k = 0; k < args.size(); k++) {
            if (args.get(k) instanceof DirectMethodHandleDesc h && h.owner().isClassOrInterface()
                    && redirected(internalName(h.owner()), h.methodName(), h.lookupDescriptor())) {
                // A handle's invocation type already takes the receiver first: the helper's type.
                args.set(k, MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, HELPER, h.methodName(), h.invocationType()));
                changed = true;
            }
        }
        if (!changed) return null;
        return DynamicCallSiteDesc.of(i.bootstrapMethod(), i.name().stringValue(), i.typeSymbol(), args.toArray(ConstantDesc[]::new));
    }
}
