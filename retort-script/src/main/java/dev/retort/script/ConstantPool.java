package dev.retort.script;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The constant pool of a compiled class, as far as Retort reads it: the methods it calls and the classes it uses,
 * which a class names there whatever it does with them.
 */
final class ConstantPool {
    /** A class in a descriptor: {@code Ljava/lang/String;}. */
    private static final Pattern CLASS_IN_DESCRIPTOR = Pattern.compile("L([^;]+);");

    private final String[] utf8;
    private final int[] classNames;
    private final int[][] methodRefs;
    private final int[][] namesAndTypes;
    private final int[] methodTypes;

    private ConstantPool(String[] utf8, int[] classNames, int[][] methodRefs, int[][] namesAndTypes,
            int[] methodTypes) {
        this.utf8 = utf8;
        this.classNames = classNames;
        this.methodRefs = methodRefs;
        this.namesAndTypes = namesAndTypes;
        this.methodTypes = methodTypes;
    }

    static ConstantPool read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        int[][] methodRefs = new int[count][];
        int[][] namesAndTypes = new int[count][];
        int[] methodTypes = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames[i] = in.readUnsignedShort();
                case 10, 11 -> methodRefs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 12 -> namesAndTypes[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 16 -> methodTypes[i] = in.readUnsignedShort();
                case 8, 19, 20 -> in.readUnsignedShort();
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++; // longs and doubles take two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return new ConstantPool(utf8, classNames, methodRefs, namesAndTypes, methodTypes);
    }

    /** The methods the class calls or refers to, each as its class's internal name and the method's name. */
    List<String[]> methods() {
        List<String[]> methods = new ArrayList<>();
        for (int[] ref : methodRefs) {
            if (ref != null && namesAndTypes[ref[1]] != null) {
                methods.add(new String[] {utf8[classNames[ref[0]]], utf8[namesAndTypes[ref[1]][0]]});
            }
        }
        return methods;
    }

    /**
     * The internal names ({@code com/example/Tables}) of the classes the class uses: those it names, and those in the
     * descriptors of the fields and methods it uses, whose types the JVM loads to link them.
     */
    Set<String> classes() {
        Set<String> classes = new LinkedHashSet<>();
        for (int i = 1; i < classNames.length; i++) {
            if (classNames[i] != 0) {
                String name = utf8[classNames[i]];
                if (name.startsWith("[")) {
                    addFromDescriptor(name, classes); // an array class: [Ljava/lang/String;
                } else {
                    classes.add(name);
                }
            }
            if (namesAndTypes[i] != null) {
                addFromDescriptor(utf8[namesAndTypes[i][1]], classes);
            }
            if (methodTypes[i] != 0) {
                addFromDescriptor(utf8[methodTypes[i]], classes);
            }
        }
        return classes;
    }

    private static void addFromDescriptor(String descriptor, Set<String> classes) {
        Matcher named = CLASS_IN_DESCRIPTOR.matcher(descriptor);
        while (named.find()) {
            classes.add(named.group(1));
        }
    }
}
