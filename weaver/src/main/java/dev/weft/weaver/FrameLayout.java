package dev.weft.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The fields of one method's frame class that hold values across suspensions.
 *
 * <p>Values are typed by kind (int, long, float, double, reference) so nothing is boxed. Each
 * await site numbers its values per kind from zero, and sites share fields, so the frame has only
 * as many fields of a kind as the busiest site needs. Spill code shared between sites
 * ({@link SharedSpills}) gives each value a field of its own instead.
 */
final class FrameLayout {
    /** One kind of spill field: its name prefix, field descriptor and JVM value type. */
    enum Kind {
        INT("i", "I", Type.INT_TYPE),
        LONG("j", "J", Type.LONG_TYPE),
        FLOAT("f", "F", Type.FLOAT_TYPE),
        DOUBLE("d", "D", Type.DOUBLE_TYPE),
        REFERENCE("a", Names.OBJECT_DESC, Type.getObjectType(Names.OBJECT));

        final String prefix;
        final String descriptor;
        final Type type;

        Kind(String prefix, String descriptor, Type type) {
            this.prefix = prefix;
            this.descriptor = descriptor;
            this.type = type;
        }

        static Kind of(Type t) {
            return switch (t.getSort()) {
                case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> INT;
                case Type.LONG -> LONG;
                case Type.FLOAT -> FLOAT;
                case Type.DOUBLE -> DOUBLE;
                default -> REFERENCE;
            };
        }

        int loadOpcode() {
            return type.getOpcode(Opcodes.ILOAD);
        }

        int storeOpcode() {
            return type.getOpcode(Opcodes.ISTORE);
        }
    }

    /** A field of the frame class. */
    record Field(String name, String descriptor) {
    }

    /** Moves values between the body's slots and the fields of the frame held in {@code frameSlot}. */
    record Access(String frameClass, int frameSlot) {
        /** {@code F.field = slot}, for a value of {@code type}. */
        void save(InsnList code, int slot, Type type, Field field) {
            Kind kind = Kind.of(type);
            code.add(new VarInsnNode(Opcodes.ALOAD, frameSlot));
            code.add(new VarInsnNode(kind.loadOpcode(), slot));
            code.add(new FieldInsnNode(Opcodes.PUTFIELD, frameClass, field.name(), field.descriptor()));
        }

        /** {@code slot = (type) F.field}; with no field, {@code slot = null} (a value the verifier knows as null). */
        void reload(InsnList code, int slot, Type type, Field field) {
            if (field == null) {
                code.add(new InsnNode(Opcodes.ACONST_NULL));
                code.add(new VarInsnNode(Opcodes.ASTORE, slot));
                return;
            }
            Kind kind = Kind.of(type);
            code.add(new VarInsnNode(Opcodes.ALOAD, frameSlot));
            code.add(new FieldInsnNode(Opcodes.GETFIELD, frameClass, field.name(), field.descriptor()));
            if (kind == Kind.REFERENCE && !type.getInternalName().equals(Names.OBJECT)) {
                code.add(new TypeInsnNode(Opcodes.CHECKCAST, type.getInternalName()));
            }
            code.add(new VarInsnNode(kind.storeOpcode(), slot));
        }
    }

    private final int[] counts = new int[Kind.values().length];

    /** Hands out fields for one await site: call {@link #next} once per value, in order. */
    final class Site {
        private final int[] used = new int[Kind.values().length];

        Field next(Kind kind) {
            int index = used[kind.ordinal()]++;
            counts[kind.ordinal()] = Math.max(counts[kind.ordinal()], index + 1);
            return new Field(kind.prefix + index, kind.descriptor);
        }
    }

    Site site() {
        return new Site();
    }

    /** A field no site numbers: for one value wherever it is spilled. */
    Field own(Kind kind) {
        int index = counts[kind.ordinal()]++;
        return new Field(kind.prefix + index, kind.descriptor);
    }

    /** Every spill field any site uses. */
    List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < counts[kind.ordinal()]; i++) {
                fields.add(new Field(kind.prefix + i, kind.descriptor));
            }
        }
        return fields;
    }
}
