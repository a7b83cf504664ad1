package packos.lib.sched;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import packos.lib.wire.MalformedPacketException;

/**
 * What a spawn asks the scheduler to start: a program (a Java binary class name) and its
 * arguments. On the wire, the payload after the control request: UTF-8 strings, the program
 * first, each ended by a NUL.
 */
public record SpawnRequest(String program, List<String> args) {
    /** A binary class name, as boot configs write program= (packages, then a class, nested with $). */
    private static final Pattern PROGRAM = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    public static final int MAX_ARGS = 64;

    public SpawnRequest {
        Objects.requireNonNull(program, "program");
        args = List.copyOf(args);
        if (!PROGRAM.matcher(program).matches()) throw new IllegalArgumentException("spawn: \"" + program + "\" is not a Java class name");
        if (args.size() > MAX_ARGS) throw new IllegalArgumentException("spawn: " + args.size() + " arguments, at most " + MAX_ARGS);
        for (var a : args) {
            if (a.indexOf('\0') >= 0) throw new IllegalArgumentException("spawn: an argument holds a NUL, which ends arguments on the wire");
        }
        if (encodedLength(program, args) > ControlProtocol.MAX_PAYLOAD) {
            throw new IllegalArgumentException("spawn: program and arguments take over " + ControlProtocol.MAX_PAYLOAD + " bytes");
        }
    }

    private static int encodedLength(String program, List<String> args) {
        int n = program.getBytes(StandardCharsets.UTF_8).length + 1;
        for (var a : args) n += a.getBytes(StandardCharsets.UTF_8).length + 1;
        return n;
    }

    public byte[] encode() {
        var out = new ByteArrayOutputStream();
        for (var s : concat()) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    private List<String> concat() {
        var all = new ArrayList<String>(args.size() + 1);
        all.add(program);
        all.addAll(args);
        return all;
    }

    /** Reads a payload; anything but NUL-ended UTF-8 strings naming a program and its arguments is refused with the reason. */
    public static SpawnRequest decode(byte[] payload) throws MalformedPacketException {
        if (payload.length == 0 || payload[payload.length - 1] != 0) {
            throw new MalformedPacketException("spawn payload: does not end with a NUL");
        }
        var strings = new ArrayList<String>();
        var utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] != 0) continue;
            try {
                strings.add(utf8.decode(ByteBuffer.wrap(payload, start, i - start)).toString());
            } catch (CharacterCodingException e) {
                throw new MalformedPacketException("spawn payload: string " + strings.size() + " is not UTF-8");
            }
            start = i + 1;
        }
        try {
            return new SpawnRequest(strings.getFirst(), strings.subList(1, strings.size()));
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException("spawn payload: " + e.getMessage());
        }
    }
}
