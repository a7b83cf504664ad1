package packos.host.protect;

import java.util.Set;

/**
 * Checks a program before it runs: its main class and every class of its own that it reaches
 * (a library it brings along included). Throws with every refusal found; otherwise answers the
 * classes it checked, which are the only ones the program's loader will define.
 */
@FunctionalInterface
public interface ProgramVerifier {
    Set<String> verify(String mainClass, ClassSource source) throws ProgramRefusedException;
}
