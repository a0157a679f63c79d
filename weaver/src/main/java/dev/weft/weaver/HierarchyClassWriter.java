package dev.weft.weaver;

import org.objectweb.asm.ClassWriter;

/** Computes stack map frames with common superclasses taken from class files, not loaded classes. */
final class HierarchyClassWriter extends ClassWriter {
    private final ClassHierarchy hierarchy;

    HierarchyClassWriter(ClassHierarchy hierarchy) {
        super(COMPUTE_FRAMES | COMPUTE_MAXS);
        this.hierarchy = hierarchy;
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
        return hierarchy.commonSuperClass(type1, type2);
    }
}
