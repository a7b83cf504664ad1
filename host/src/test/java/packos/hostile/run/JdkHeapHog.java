package packos.hostile.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import packos.kernel.Packet;
import packos.lib.Process;
import packos.lib.Program;

/**
 * Grows the host heap through calls that allocate inside the JDK or the kernel, never through an
 * allocation of its own the instrumenter could charge by its size, and keeps everything: it must
 * be faulted before the JVM runs out of heap. Its argument says how:
 * <ul>
 * <li>{@code copyof}: {@code Arrays.copyOf} to twice the length, again and again;</li>
 * <li>{@code repeat}: {@code s.repeat(2)}, doubling a string (the count argument says nothing);</li>
 * <li>{@code list-add}: one list, the same element added for ever (growth inside ArrayList);</li>
 * <li>{@code list-addall}: a list added to itself;</li>
 * <li>{@code builder}: a StringBuilder appended to itself;</li>
 * <li>{@code concat}: {@code s + s} (string concatenation by invokedynamic);</li>
 * <li>{@code standalone}: {@code Packet.standalone} pages of 1 MiB.</li>
 * </ul>
 */
public final class JdkHeapHog implements Program {
    @Override
    public void main(Process self) {
        String how = self.arg(0, "copyof");
        List<Object> keep = new ArrayList<>();
        self.print("hoarding by " + how);
        switch (how) {
            case "copyof" -> {
                long[] a = {1};
                while (true) keep.add(a = Arrays.copyOf(a, a.length * 2));
            }
            case "repeat" -> {
                String s = "x";
                while (true) keep.add(s = s.repeat(2));
            }
            case "list-add" -> {
                var list = new ArrayList<Object>();
                keep.add(list);
                while (true) list.add(how);
            }
            case "list-addall" -> {
                var list = new ArrayList<Object>(List.of(how));
                while (true) {
                    list.addAll(list);
                    keep.add(new ArrayList<>(list));
                }
            }
            case "builder" -> {
                var b = new StringBuilder("x");
                while (true) {
                    b.append(b);
                    keep.add(b.toString());
                }
            }
            case "concat" -> {
                String s = "x";
                while (true) keep.add(s = s + s);
            }
            case "standalone" -> {
                while (true) keep.add(Packet.standalone(1 << 20));
            }
            default -> throw new IllegalArgumentException("no way to hoard called " + how);
        }
    }
}
