package packos.host.protect.instrument;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * What an allocation is charged. The JVM cannot say how much heap one virtual thread holds, so
 * the program's own allocation sites are metered instead, at about their real size: an object
 * header of 16 bytes, 8 bytes a field, 4 bytes a reference (compressed oops). Allocations inside
 * the JDK on the program's behalf are measured around the call instead (see {@link HostCalls}).
 */
final class HeapCharge {
    /** An object whose fields we cannot count cheaply: a header and a couple of fields. */
    static final long UNKNOWN_OBJECT = 32;
    static final long HEADER = 16;
    private static final int REFERENCE_SHIFT = 2;
    /** Products of dimensions are clamped so that no arithmetic on them overflows a long. */
    private static final long FACTOR_CLAMP = 1L << 32;
    private static final long TOTAL_CLAMP = 1L << 50;
    private static final ClassDesc CD_Math = ClassDesc.of("java.lang.Math");
    private static final MethodTypeDesc MIN_LONG = MethodTypeDesc.of(CD_long, CD_long, CD_long);
    private static final MethodTypeDesc MAX_INT = MethodTypeDesc.of(CD_int, CD_int, CD_int);

    private HeapCharge() {}

    /** An instance of a class with {@code fields} instance fields of its own. */
    static long object(int fields) { return HEADER + 8L * fields; }

    /** log2 of the size of one element of an array of {@code kind}. */
    static int shift(TypeKind kind) {
        return switch (kind) {
            case BOOLEAN, BYTE -> 0;
            case CHAR, SHORT -> 1;
            case INT, FLOAT, REFERENCE -> 2;
            case LONG, DOUBLE -> 3;
            case VOID -> throw new IllegalArgumentException("no array of void");
        };
    }

    /** Element shift of the innermost arrays {@code multianewarray type, dims} creates. */
    static int leafShift(ClassDesc arrayType, int dims) {
        ClassDesc leaf = arrayType;
        for (int i = 0; i < dims; i++) leaf = leaf.componentType();
        // Fewer dimensions than the type has: the innermost arrays created hold (null) references.
        return leaf.isArray() || !leaf.isPrimitive() ? REFERENCE_SHIFT : shift(TypeKind.from(leaf));
    }

    /**
     * {@code [d1 .. dn] -> [d1 .. dn]}: charges every array a {@code multianewarray} of
     * {@code dims} dimensions creates, 16 bytes a header plus the innermost elements. Negative
     * dimensions count as 0 (the JVM then throws before allocating anything).
     */
    static void multiArray(CodeBuilder cb, ConstantDynamicEntry signals, ClassDesc arrayType, int dims) {
        int[] slots = new int[dims];
        for (int i = dims - 1; i >= 0; i--) {
            slots[i] = cb.allocateLocal(TypeKind.INT);
            cb.istore(slots[i]);
        }
        int product = cb.allocateLocal(TypeKind.LONG);
        int headers = cb.allocateLocal(TypeKind.LONG);
        cb.lconst_1().lstore(product).lconst_0().lstore(headers);
        for (int i = 0; i < dims; i++) {
            // Arrays at level i: the product of the dimensions before it.
            cb.lload(headers).lload(product).loadConstant(FACTOR_CLAMP).invokestatic(CD_Math, "min", MIN_LONG)
                    .ladd().lstore(headers);
            cb.lload(product).loadConstant(FACTOR_CLAMP).invokestatic(CD_Math, "min", MIN_LONG)
                    .iload(slots[i]).iconst_0().invokestatic(CD_Math, "max", MAX_INT).i2l()
                    .lmul().lstore(product);
        }
        cb.lload(headers).loadConstant(4).lshl()
                .lload(product).loadConstant(TOTAL_CLAMP).invokestatic(CD_Math, "min", MIN_LONG)
                .loadConstant(leafShift(arrayType, dims)).lshl()
                .ladd();
        KernelSignals.allocatedOnStack(cb, signals);
        for (int i = 0; i < dims; i++) cb.iload(slots[i]);
    }
}
