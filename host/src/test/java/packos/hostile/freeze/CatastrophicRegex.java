package packos.hostile.freeze;

import java.util.regex.Pattern;
import packos.lib.Process;
import packos.lib.Program;

/**
 * Backtracks for ages inside the JDK's regular expression engine, which calls no program code:
 * {@code ((a+)+)+b} against forty a's and a c takes longer than anyone
 * will wait (the JDK gives up on {@code (a+)+b} quickly since Java 9; not on this). Argument 0 picks the way in: each of the
 * JDK's doors to the engine, and a method reference to one.
 */
public final class CatastrophicRegex implements Program {
    static final String EVIL = "((a+)+)+b";

    @Override
    public void main(Process self) {
        String how = self.arg(0, "matches");
        String input = "a".repeat(40) + "c";
        self.print("matching " + how);
        Object result = switch (how) {
            case "matches" -> Pattern.matches(EVIL, input);
            case "matcher" -> Pattern.compile(EVIL).matcher(input).find();
            case "string" -> input.matches(EVIL);
            case "replace" -> input.replaceAll(EVIL, "x");
            case "split" -> input.split(EVIL + "|x").length;
            case "builder" -> Pattern.compile(EVIL).matcher(new StringBuilder(input)).matches();
            case "predicate" -> Pattern.compile(EVIL).asPredicate().test(input);
            case "reference" -> {
                java.util.function.BiPredicate<String, String> matches = String::matches;
                yield matches.test(input, EVIL);
            }
            case "stream" -> Pattern.compile(EVIL + "|x").splitAsStream(input).count();
            default -> throw new IllegalArgumentException(how);
        };
        self.print("matched: " + result);
    }
}
