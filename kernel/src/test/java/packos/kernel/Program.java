package packos.kernel;

import java.util.List;

/** A test program: what a context runs, with the args the scheduler created it with. */
@FunctionalInterface
interface Program {
    void run(Syscalls sys, List<String> args) throws Exception;
}
