package packos.host.protect;

/**
 * Checks a program before it runs: its main class and every class of its own that it reaches
 * (a library it brings along included). Throws with every refusal found.
 */
@FunctionalInterface
public interface ProgramVerifier {
    ProgramVerifier NONE = (mainClass, source) -> { };

    void verify(String mainClass, ClassSource source) throws ProgramRefusedException;
}
