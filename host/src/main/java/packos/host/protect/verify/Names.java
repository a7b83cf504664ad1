package packos.host.protect.verify;

import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;
import packos.host.protect.ReservedNames;

/** Class, member and descriptor names as refusal lines show them, and which classes are shared with every process. */
final class Names {
    private Names() {}

    /** Whether {@code name} (binary, dotted) is a shared class: one the program does not bring along. */
    static boolean isShared(String name) { return ReservedNames.isShared(name); }

    static boolean isHost(String name) { return ReservedNames.isHost(name); }

    /**
     * {@code text} with control characters written as {@code \\uXXXX}: names in a class file may
     * hold line breaks and escapes, and a refusal is one line on a console that others read.
     */
    static String printable(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029;
            if (control && sb == null) sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            if (control) sb.append(String.format("\\u%04x", (int) c));
            else if (sb != null) sb.append(c);
        }
        return sb == null ? text : sb.toString();
    }

    /** {@code java/lang/String} as {@code java.lang.String}. */
    static String binary(String internal) { return internal.replace('/', '.'); }

    /** Parameter types of a method descriptor, simple names: {@code (String, int[])}. */
    static String params(String methodDesc) {
        try {
            var type = MethodTypeDesc.ofDescriptor(methodDesc);
            var sb = new StringBuilder("(");
            for (int i = 0; i < type.parameterCount(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(type.parameterType(i).displayName());
            }
            return sb.append(')').toString();
        } catch (IllegalArgumentException e) {
            return methodDesc;
        }
    }

    /** A method of a program class: {@code main(Process)}. */
    static String method(String name, String desc) { return name + params(desc); }

    /** A referenced member: {@code java.lang.Thread.sleep(long)}, {@code java.lang.System.out}, constructors as {@code java.util.Random()}. */
    static String member(String owner, String name, String desc, boolean field) {
        if (field) return owner + "." + name;
        if (name.equals("<init>")) return owner + params(desc);
        return owner + "." + name + params(desc);
    }

    /** The type a class entry names, for display: arrays as {@code String[]}, classes by binary name. */
    static String type(String internalOrArray) {
        if (!internalOrArray.startsWith("[")) return binary(internalOrArray);
        try {
            var desc = ClassDesc.ofDescriptor(internalOrArray);
            int dims = 0;
            while (desc.isArray()) { desc = desc.componentType(); dims++; }
            String base = desc.isPrimitive() ? desc.displayName() : binary(desc.descriptorString().substring(1, desc.descriptorString().length() - 1));
            return base + "[]".repeat(dims);
        } catch (IllegalArgumentException e) {
            return internalOrArray;
        }
    }

    /** The class (binary name) an internal name or array descriptor comes down to, or null for primitive arrays. */
    static String elementClass(String internalOrArray) {
        if (!internalOrArray.startsWith("[")) return binary(internalOrArray);
        int i = 0;
        while (i < internalOrArray.length() && internalOrArray.charAt(i) == '[') i++;
        if (i < internalOrArray.length() && internalOrArray.charAt(i) == 'L' && internalOrArray.endsWith(";")) {
            return binary(internalOrArray.substring(i + 1, internalOrArray.length() - 1));
        }
        return null;
    }

    /** Every class (internal name) a field or method descriptor names. */
    static List<String> classesIn(String desc) {
        if (desc.indexOf('L') < 0) return List.of();
        List<String> out = new ArrayList<>(2);
        int i = 0;
        while (i < desc.length()) {
            if (desc.charAt(i) == 'L') {
                int end = desc.indexOf(';', i);
                if (end < 0) break;
                out.add(desc.substring(i + 1, end));
                i = end + 1;
            } else {
                i++;
            }
        }
        return out;
    }
}
