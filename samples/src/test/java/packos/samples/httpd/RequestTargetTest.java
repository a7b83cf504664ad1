package packos.samples.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetTest {
    private static RequestTarget.DocrootPath path(String target) {
        return assertInstanceOf(RequestTarget.DocrootPath.class, RequestTarget.resolve(target), target);
    }

    private static HttpStatus refusal(String target) {
        return assertInstanceOf(RequestTarget.Refused.class, RequestTarget.resolve(target), target).status();
    }

    @ParameterizedTest
    @CsvSource({
            "/, /, true",
            "/index.html, /index.html, false",
            "/more/, /more, true",
            "/more, /more, false",
            "/a%20b.html, /a b.html, false",
            "/caf%C3%A9, /caf\u00e9, false",
            "/foo.txt?x=1&y=/.., /foo.txt, false",
            "/./more/./index.html, /more/index.html, false",
            "/more//index.html, /more/index.html, false",
            "http://example/more/x.html?q, /more/x.html, false",
            "HTTP://example, /, true",
            "/%2e%2efoo, /..foo, false"})
    void targetsResolveToDecodedPathsInsideTheDocroot(String target, String expected, boolean directory) {
        assertEquals(new RequestTarget.DocrootPath(expected, directory), path(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..", "/../secret", "/more/../../secret", "/more/../index.html", "/%2e%2e/x", "/%2E%2E/x", "/.%2e/x",
            "/more%2F..%2Fsecret", "/a%2fb", "/a%5cb", "/foo.txt%00.html", "/%00"})
    void pathsThatCouldLeaveTheDocrootOrHideASeparatorAre403(String target) {
        assertEquals(HttpStatus.FORBIDDEN, refusal(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "*", "/%zz", "/%2", "/%", "/%ff", "/%c3", "/x#fragment"})
    void malformedTargetsAre400(String target) {
        assertEquals(HttpStatus.BAD_REQUEST, refusal(target));
    }

    @Test
    void noTargetOfDotsSlashesAndEscapesEverYieldsADotDotName() {
        var random = new Random(7);
        String[] pieces = {"/", ".", "..", "%2e", "%2E", "%2f", "a", "%", "2e", "?", "%00", "%5c"};
        for (int i = 0; i < 100_000; i++) {
            var t = new StringBuilder("/");
            for (int j = random.nextInt(8); j >= 0; j--) t.append(pieces[random.nextInt(pieces.length)]);
            if (RequestTarget.resolve(t.toString()) instanceof RequestTarget.DocrootPath(var p, var d)) {
                for (String name : p.split("/")) {
                    assertFalse(name.equals("..") || name.equals("."), () -> t + " resolved to " + p);
                }
                assertFalse(p.contains("\0") || p.contains("\\") || p.contains("//"), () -> t + " resolved to " + p);
            }
        }
    }

    @Test
    void encodingForALocationKeepsUnreservedCharactersAndRoundTrips() {
        assertEquals("/more/", RequestTarget.encode("/more/"));
        assertEquals("/a%20b/%3Cscript%3E/caf%C3%A9", RequestTarget.encode("/a b/<script>/caf\u00e9"));
        assertEquals(new RequestTarget.DocrootPath("/a b/<x>", true), path(RequestTarget.encode("/a b/<x>/")));
    }
}
