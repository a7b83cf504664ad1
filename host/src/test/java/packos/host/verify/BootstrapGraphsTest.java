package packos.host.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import packos.host.protect.verify.AllowListVerifier;
import packos.host.protect.verify.Why;

/**
 * Dynamic constants whose bootstrap arguments are dynamic constants: a graph the class file
 * draws, which can hold cycles (a constant that is its own argument) and chains as long as the
 * constant pool. The verifier walks it without recursion, once per constant, and refuses a cycle
 * or a chain deeper than javac ever nests, in one line, instead of overflowing its stack.
 */
@Timeout(30)
class BootstrapGraphsTest {
    private final AllowListVerifier verifier = new AllowListVerifier();

    private List<String> refusals(String name, byte[] bytes) {
        return verifier.check(List.of(name), Map.of(name, bytes)::get).refusals();
    }

    private static void assertOneLine(List<String> lines, String start, Why why) {
        assertEquals(1, lines.size(), () -> String.join("\n", lines));
        assertTrue(lines.getFirst().startsWith(start), () -> "expected '" + start + "...', got " + lines.getFirst());
        assertTrue(lines.getFirst().endsWith(": " + why.text()), lines.getFirst());
    }

    @Test
    void aDynamicConstantThatIsItsOwnBootstrapArgumentIsRefused() {
        assertOneLine(refusals("crafted.Self", CraftedClasses.selfReferentialCondy("crafted.Self")),
                "crafted.Self.main(Process) @0: loads dynamic constant c0, which is its own bootstrap argument", Why.BOOTSTRAP_CYCLE);
    }

    @Test
    void twoDynamicConstantsPassingEachOtherAreRefused() {
        assertOneLine(refusals("crafted.Mutual", CraftedClasses.mutualCondys("crafted.Mutual")),
                "crafted.Mutual.main(Process) @0: loads dynamic constant c0, which is its own bootstrap argument through c1",
                Why.BOOTSTRAP_CYCLE);
    }

    @Test
    void aCallSitePassingACycleOfDynamicConstantsIsRefused() {
        assertOneLine(refusals("crafted.Indy", CraftedClasses.indyOverACondyCycle("crafted.Indy")),
                "crafted.Indy.main(Process) @0: passes dynamic constant c0, which is its own bootstrap argument through c1, c2",
                Why.BOOTSTRAP_CYCLE);
    }

    @Test
    void aChainAsLongAsTheConstantPoolIsRefusedForItsDepth() {
        assertOneLine(refusals("crafted.Deep", CraftedClasses.deepCondyChain("crafted.Deep", 20_000)),
                "crafted.Deep.main(Process) @0: loads dynamic constant c19999, whose bootstrap arguments nest more than "
                        + "64 deep", Why.BOOTSTRAP_DEPTH);
    }

    @Test
    void aShortChainOfVettedBootstrapsPasses() {
        assertEquals(List.of(), refusals("crafted.Short", CraftedClasses.deepCondyChain("crafted.Short", 10)));
    }

    @Test
    void sharedArgumentsAreWalkedOnceNotOncePerPath() {
        // 2^40 paths to the bottom: only a walk that remembers what it has seen ends within the timeout.
        assertEquals(List.of(), refusals("crafted.Diamonds", CraftedClasses.condyDiamonds("crafted.Diamonds", 40)));
    }
}
