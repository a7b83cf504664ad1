package packos.kernel;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the instrumenter sends a program's calls that hand text to the JDK's regular expression
 * engine. The engine has no preemption point, and a pattern such as {@code (a+)+b} backtracks for
 * ages over a few dozen characters; but it reads its input only through
 * {@link CharSequence#charAt} and {@link CharSequence#length}. So each of these calls does what
 * the JDK's does with the input wrapped in a {@link Text} whose {@code charAt} polls the running
 * process's {@link Signals}: the clock can take the CPU back, and the scheduler kill, in the
 * middle of a match. Each method's result is the JDK method's own: the String methods are the
 * Pattern expressions their documentation says they are, and the JDK's own fast path of
 * {@code String.split} (one literal character, which needs no backtracking) is kept.
 *
 * <p>Programs may not name this class (the verifier refuses it); the wrapper never reaches them:
 * the engine turns every piece of input it hands out into a String first.
 */
public final class PreemptibleRegex {
    private PreemptibleRegex() {}

    /**
     * The text as the engine should read it: polling at each character when a process runs here
     * ({@link Signals#CURRENT}, bound by the kernel for the whole life of each context's thread).
     */
    static CharSequence wrap(CharSequence text) {
        if (text == null || !Signals.CURRENT.isBound()) return text;
        return new Text(text, Signals.CURRENT.get());
    }

    /** {@link CharSequence} over the program's input whose {@code charAt} is a preemption point. */
    private static final class Text implements CharSequence {
        private final CharSequence text;
        private final Signals signals;

        Text(CharSequence text, Signals signals) {
            this.text = text;
            this.signals = signals;
        }

        @Override
        public char charAt(int index) {
            signals.poll();
            return text.charAt(index);
        }

        @Override
        public int length() { return text.length(); }

        @Override
        public CharSequence subSequence(int start, int end) { return text.subSequence(start, end); }

        @Override
        public String toString() { return text.toString(); }
    }

    public static Matcher matcher(Pattern pattern, CharSequence input) { return pattern.matcher(wrap(input)); }

    public static boolean matches(String regex, CharSequence input) { return Pattern.matches(regex, wrap(input)); }

    public static String[] split(Pattern pattern, CharSequence input) { return pattern.split(wrap(input)); }

    public static String[] split(Pattern pattern, CharSequence input, int limit) { return pattern.split(wrap(input), limit); }

    public static String[] splitWithDelimiters(Pattern pattern, CharSequence input, int limit) {
        return pattern.splitWithDelimiters(wrap(input), limit);
    }

    public static Stream<String> splitAsStream(Pattern pattern, CharSequence input) { return pattern.splitAsStream(wrap(input)); }

    public static Matcher reset(Matcher matcher, CharSequence input) { return matcher.reset(wrap(input)); }

    public static Predicate<String> asPredicate(Pattern pattern) {
        java.util.Objects.requireNonNull(pattern);
        return s -> pattern.matcher(wrap(s)).find();
    }

    public static Predicate<String> asMatchPredicate(Pattern pattern) {
        java.util.Objects.requireNonNull(pattern);
        return s -> pattern.matcher(wrap(s)).matches();
    }

    /** {@code s.matches(regex)}. */
    public static boolean matches(String s, String regex) {
        java.util.Objects.requireNonNull(s);
        return Pattern.matches(regex, wrap(s));
    }

    /** {@code s.replaceAll(regex, replacement)}. */
    public static String replaceAll(String s, String regex, String replacement) {
        java.util.Objects.requireNonNull(s);
        return Pattern.compile(regex).matcher(wrap(s)).replaceAll(replacement);
    }

    /** {@code s.replaceFirst(regex, replacement)}. */
    public static String replaceFirst(String s, String regex, String replacement) {
        java.util.Objects.requireNonNull(s);
        return Pattern.compile(regex).matcher(wrap(s)).replaceFirst(replacement);
    }

    /** {@code s.split(regex)}. */
    public static String[] split(String s, String regex) { return split(s, regex, 0); }

    /** {@code s.split(regex, limit)}. */
    public static String[] split(String s, String regex, int limit) {
        java.util.Objects.requireNonNull(s);
        return literalCharacter(regex) ? s.split(regex, limit) : Pattern.compile(regex).split(wrap(s), limit);
    }

    /** {@code s.splitWithDelimiters(regex, limit)}. */
    public static String[] splitWithDelimiters(String s, String regex, int limit) {
        java.util.Objects.requireNonNull(s);
        return literalCharacter(regex) ? s.splitWithDelimiters(regex, limit) : Pattern.compile(regex).splitWithDelimiters(wrap(s), limit);
    }

    /** The JDK's own test (String.split) for a regex that is one literal character: it splits without the engine. */
    private static boolean literalCharacter(String regex) {
        char ch = 0;
        return ((regex.length() == 1 && ".$|()[{^?*+\\".indexOf(ch = regex.charAt(0)) == -1)
                || (regex.length() == 2 && regex.charAt(0) == '\\' && (((ch = regex.charAt(1)) - '0') | ('9' - ch)) < 0
                        && ((ch - 'a') | ('z' - ch)) < 0 && ((ch - 'A') | ('Z' - ch)) < 0))
                && (ch < Character.MIN_HIGH_SURROGATE || ch > Character.MAX_LOW_SURROGATE);
    }
}
