package packos.host.codefs;

/** A code tree that cannot be read; {@link CodeTrees} puts the config file and line in front. */
final class CodeTreeException extends Exception {
    private static final long serialVersionUID = 1L;

    CodeTreeException(String problem) { super(problem); }
}
