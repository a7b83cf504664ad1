package packos.lib;

/**
 * A PackOS program: a class with a public no-argument constructor whose {@code main} runs as one
 * process. Each process loads the program's classes in a class loader of its own, so its static
 * fields are its own. The process ends when {@code main} returns; an exception ends it as a fault.
 */
public interface Program {
    void main(Process process) throws Exception;
}
