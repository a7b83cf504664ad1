package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The redirected regular expression calls compute exactly what the JDK's do, while the engine
 * reads the input through a poll: a program sees the same results, and none of them is the
 * wrapper.
 */
class PreemptibleRegexTest {
    private static final List<String> TEXTS = List.of("", "a", "alpha=1, beta=22; gamma=333,delta", ",,a,,b,,", "x\uD83D\uDE00y\uD83D\uDE00",
            "line one\nline two\r\nthree");
    private static final List<String> REGEXES = List.of(",", "\\.", "\\,", "[,;] ?", "(\\w+)=(\\d+)", "", "x*", "\uD83D\uDE00", "(?m)^",
            "\\s+", "a|b", "\\R");
    /** Each test runs as a context's thread does: with its process's signals bound for the kernel's regex wrapper to find. */
    @RegisterExtension
    static final InvocationInterceptor AS_A_CONTEXT = new InvocationInterceptor() {
        @Override
        public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call, ExtensionContext context)
                throws Throwable {
            var failure = new Throwable[1];
            ScopedValue.where(Signals.CURRENT, new Signals(new ContextLimits(8, 8, 1 << 20, 1 << 20))).run(() -> {
                try {
                    invocation.proceed();
                } catch (Throwable t) {
                    failure[0] = t;
                }
            });
            if (failure[0] != null) throw failure[0];
        }
    };

    @Test
    void everyRedirectedStringCallReturnsWhatTheJdkReturns() {
        for (String t : TEXTS) {
            for (String r : REGEXES) {
                String where = "'" + t + "' with '" + r + "'";
                assertEquals(t.matches(r), PreemptibleRegex.matches(t, r), where);
                assertEquals(t.replaceAll(r, "<$0>"), PreemptibleRegex.replaceAll(t, r, "<$0>"), where);
                assertEquals(t.replaceFirst(r, "-"), PreemptibleRegex.replaceFirst(t, r, "-"), where);
                assertArrayEquals(t.split(r), PreemptibleRegex.split(t, r), where);
                for (int limit : new int[] {-1, 0, 1, 2, 5}) {
                    assertArrayEquals(t.split(r, limit), PreemptibleRegex.split(t, r, limit), where + " limit " + limit);
                    assertArrayEquals(t.splitWithDelimiters(r, limit), PreemptibleRegex.splitWithDelimiters(t, r, limit), where);
                }
            }
        }
    }

    @Test
    void everyRedirectedPatternCallReturnsWhatTheJdkReturns() {
        for (String t : TEXTS) {
            for (String r : REGEXES) {
                var p = Pattern.compile(r);
                String where = "'" + t + "' with '" + r + "'";
                assertEquals(matches(p.matcher(t)), matches(PreemptibleRegex.matcher(p, t)), where);
                assertEquals(Pattern.matches(r, t), PreemptibleRegex.matches(r, (CharSequence) t), where);
                assertArrayEquals(p.split(t), PreemptibleRegex.split(p, t), where);
                assertArrayEquals(p.split(t, 3), PreemptibleRegex.split(p, t, 3), where);
                assertArrayEquals(p.splitWithDelimiters(t, 0), PreemptibleRegex.splitWithDelimiters(p, t, 0), where);
                assertEquals(p.splitAsStream(t).toList(), PreemptibleRegex.splitAsStream(p, t).toList(), where);
                assertEquals(p.asPredicate().test(t), PreemptibleRegex.asPredicate(p).test(t), where);
                assertEquals(p.asMatchPredicate().test(t), PreemptibleRegex.asMatchPredicate(p).test(t), where);
                assertEquals(matches(p.matcher("").reset(t)), matches(PreemptibleRegex.reset(p.matcher(""), t)), where);
            }
        }
    }

    /** Everything a program can read from a matcher, as one string. */
    private static String matches(Matcher m) {
        var sb = new StringBuilder();
        while (m.find()) {
            sb.append(m.start()).append('-').append(m.end()).append(':').append(m.group()).append(m.toMatchResult().group()).append(';');
            if (m.end() == m.start() && m.end() >= m.regionEnd()) break;
        }
        m.reset();
        sb.append(m.replaceAll(r -> "[" + r.group() + "]")).append(m.hitEnd()).append(m.reset().lookingAt());
        return sb.toString();
    }

    @Test
    void whatTheEngineHandsBackIsNeverTheWrapper() {
        String t = "no match here";
        // No match: the JDK hands back the input itself, and so do the redirected calls.
        assertSame(t, PreemptibleRegex.split(Pattern.compile("x"), t)[0]);
        assertSame(t, PreemptibleRegex.split(t, "xy")[0]);
        assertSame(t, PreemptibleRegex.replaceAll(t, "xy", "z"));
        var m = PreemptibleRegex.matcher(Pattern.compile("(m)a"), t);
        assertTrue(m.find());
        assertSame(String.class, m.group().getClass());
        assertSame(String.class, m.toMatchResult().group(1).getClass());
    }

    @Test
    void nullInputFailsAsTheJdkDoes() {
        var p = Pattern.compile("a");
        assertThrows(NullPointerException.class, () -> PreemptibleRegex.matcher(p, null));
        assertThrows(NullPointerException.class, () -> PreemptibleRegex.matches(null, "a"));
        assertThrows(NullPointerException.class, () -> PreemptibleRegex.split((String) null, ","));
    }
}
