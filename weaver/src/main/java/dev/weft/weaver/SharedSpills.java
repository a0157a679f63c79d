package dev.weft.weaver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The save and reload code of a large state machine, shared between its suspension points, so
 * that the method grows with its awaits plus its live values instead of with their product.
 *
 * <p>Each live value is keyed by its slot and verifier type and has a frame field of its own.
 * <ul>
 * <li><b>Saving</b> is a tree of one-value blocks, each storing its value and jumping to its
 * parent; the roots end the step (one per way of suspending). A suspension point jumps to the
 * block of its first value and passes through one block per value it must save. Values are saved
 * rarest first, so points whose live sets share their common values share the path to the root:
 * locals declared up front, or one more local per await, cost one block each for the whole method.
 * A block reads only its own slot, which every point entering it holds with that type.
 * <li><b>Reloading</b> happens in groups of suspension points whose values never claim one slot
 * with two types. A group's block reloads every value of any of its points, then switches on the
 * label to the point's continuation. A point thus also receives values it does not hold; they
 * land in slots its code never reads before writing (the verifier proved them unset there), so
 * they change nothing but the slot's type, which then holds for the continuation too.
 * </ul>
 */
final class SharedSpills {
    /** A live value: where it is and its type as the verifier sees it. */
    record Value(int slot, Type type) {
        int size() {
            return type.getSize();
        }

        boolean isNull() {
            return type.getSort() == Type.OBJECT && type.getInternalName().equals("null");
        }
    }

    private final FrameLayout.Access access;
    private final FrameLayout layout;
    private final LabelNode corrupt;
    private final Map<Value, Integer> frequency = new HashMap<>();
    private final Map<Value, FrameLayout.Field> fields = new HashMap<>();
    private final Map<LabelNode, Node> roots = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();

    /** A block saving {@code value}, or (with a null value) a root: the exit it is keyed by. */
    private record Node(LabelNode label, Value value, LabelNode parent, Map<Value, Node> children) {
    }

    /** Suspension points reloaded by one block; their values occupy each slot with one type only. */
    private static final class Group {
        final LabelNode entry = new LabelNode();
        final Map<Integer, Value> occupant = new HashMap<>();
        final List<Value> values = new ArrayList<>();
        final List<Integer> labels = new ArrayList<>();
        final List<LabelNode> continuations = new ArrayList<>();

        boolean admits(List<Value> site) {
            for (Value v : site) {
                for (int s = v.slot(); s < v.slot() + v.size(); s++) {
                    Value there = occupant.get(s);
                    if (there != null && !there.equals(v)) {
                        return false;
                    }
                }
            }
            return true;
        }

        void add(List<Value> site, int label, LabelNode continuation) {
            for (Value v : site) {
                if (occupant.putIfAbsent(v.slot(), v) == null) {
                    values.add(v);
                    if (v.size() == 2) {
                        occupant.put(v.slot() + 1, v);
                    }
                }
            }
            labels.add(label);
            continuations.add(continuation);
        }
    }

    /**
     * @param corrupt where a label no suspension point set leads: the state machine's
     *                "corrupt frame" failure
     */
    SharedSpills(FrameLayout.Access access, FrameLayout layout, LabelNode corrupt) {
        this.access = access;
        this.layout = layout;
        this.corrupt = corrupt;
    }

    /** Counts the values of one suspension point; call for every point before {@link #save}. */
    void count(List<Value> site) {
        for (Value v : site) {
            frequency.merge(v, 1, Integer::sum);
        }
    }

    /**
     * The block that saves the {@code site}'s values and then jumps to {@code exit}, where the
     * suspension point's own code ends the step. Jump there with an empty stack.
     */
    LabelNode save(List<Value> site, LabelNode exit) {
        List<Value> order = new ArrayList<>();
        for (Value v : site) {
            if (!v.isNull()) {
                order.add(v);
            }
        }
        // Commonest first from the root: the path of a rarer value hangs below the common ones.
        order.sort(Comparator.<Value>comparingInt(v -> -frequency.get(v)).thenComparingInt(Value::slot)
                .thenComparing(v -> v.type().getDescriptor()));
        Node node = roots.computeIfAbsent(exit, e -> new Node(e, null, null, new HashMap<>()));
        for (Value v : order) {
            LabelNode parent = node.label();
            node = node.children().computeIfAbsent(v, value -> {
                Node child = new Node(new LabelNode(), value, parent, new HashMap<>());
                nodes.add(child);
                return child;
            });
        }
        return node.label();
    }

    /**
     * Registers the reload of {@code site}'s values for the point labelled {@code label}; returns
     * the block to enter on resume, which ends by jumping to {@code continuation}.
     */
    LabelNode reload(List<Value> site, int label, LabelNode continuation) {
        Group group = null;
        for (Group g : groups) {
            if (g.admits(site)) {
                group = g;
                break;
            }
        }
        if (group == null) {
            group = new Group();
            groups.add(group);
        }
        group.add(site, label, continuation);
        return group.entry;
    }

    /** The frame field holding {@code v} while suspended. */
    private FrameLayout.Field field(Value v) {
        return fields.computeIfAbsent(v, value -> layout.own(FrameLayout.Kind.of(value.type())));
    }

    /** The shared blocks, to be placed after the method's code, outside every exception range. */
    InsnList blocks() {
        InsnList code = new InsnList();
        for (Node n : nodes) {
            code.add(n.label());
            access.save(code, n.value().slot(), n.value().type(), field(n.value()));
            code.add(new JumpInsnNode(Opcodes.GOTO, n.parent()));
        }
        for (Group g : groups) {
            code.add(g.entry);
            for (Value v : g.values) {
                access.reload(code, v.slot(), v.type(), v.isNull() ? null : field(v));
            }
            int[] keys = g.labels.stream().mapToInt(Integer::intValue).toArray();
            code.add(new VarInsnNode(Opcodes.ALOAD, access.frameSlot()));
            code.add(new FieldInsnNode(Opcodes.GETFIELD, access.frameClass(), Names.LABEL_FIELD, "I"));
            code.add(new LookupSwitchInsnNode(corrupt, keys, g.continuations.toArray(new LabelNode[0])));
        }
        return code;
    }
}
