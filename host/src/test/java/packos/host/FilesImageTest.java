package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The files image: a process mounts the PackOS file server over the KAN with 9P2000.L and checks every byte, in virtual time. */
@Timeout(300)
class FilesImageTest {
    @Test
    void aProcessWritesRenamesListsAndReadsBackOverNinePAndTwoRunsAreTheSame() {
        var run = PackosCommand.run("run", "files");
        var lines = run.outLines();
        assertEquals(0, run.status(), run::transcript);
        assertTrue(lines.contains("[fs] 9P2000.L on [fd00:7e8e::3]:564, exporting /code (code tree file), /data (memory tree fs:/data)"), run::transcript);
        assertTrue(lines.contains("[check] files: 7 files, 1218723 bytes written over 9P, renamed, listed and read back byte for byte, "
                + "4 refusals as expected: all correct"), run::transcript);
        assertEquals("[kernel] halted: every process ended cleanly (status 0)", lines.getLast(), run::transcript);
        assertEquals(lines, PackosCommand.run("run", "files").outLines(), "a virtual-time run is a function of its boot config");
    }
}
