package dev.loombench.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A set of CPUs in {@code taskset}'s list form: {@code 0}, {@code 0-3}, {@code 1,3,5-7}. Immutable.
 */
public record CpuSet(BitSet cpus) {

    public CpuSet {
        cpus = (BitSet) cpus.clone();
        if (cpus.isEmpty()) throw new IllegalArgumentException("a CPU set must hold at least one CPU");
    }

    /**
     * Parses a CPU list.
     *
     * @throws IllegalArgumentException with a user-facing message on anything else
     */
    @JsonCreator
    public static CpuSet parse(String list) {
        BitSet cpus = new BitSet();
        try {
            for (String part : list.trim().split(",")) {
                String[] range = part.trim().split("-", -1);
                int from = Integer.parseInt(range[0].trim());
                int to = range.length == 2 ? Integer.parseInt(range[1].trim()) : from;
                if (range.length > 2 || from < 0 || to < from || to > 4095) throw new NumberFormatException();
                cpus.set(from, to + 1);
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + list + "' is not a CPU list; write it as taskset does, e.g. 0, 0-3 or 1,3,5-7");
        }
        return new CpuSet(cpus);
    }

    public int size() {
        return cpus.cardinality();
    }

    public boolean containsAll(CpuSet other) {
        BitSet missing = (BitSet) other.cpus.clone();
        missing.andNot(cpus);
        return missing.isEmpty();
    }

    public boolean intersects(CpuSet other) {
        return cpus.intersects(other.cpus);
    }

    /** These CPUs without {@code other}'s; null when none are left. */
    public CpuSet without(CpuSet other) {
        BitSet rest = (BitSet) cpus.clone();
        rest.andNot(other.cpus);
        return rest.isEmpty() ? null : new CpuSet(rest);
    }

    /** The first half of the CPUs (the larger one when the count is odd) and the rest; only for sets of two or more. */
    public List<CpuSet> halves() {
        if (size() < 2) throw new IllegalStateException("one CPU cannot be split");
        List<Integer> all = cpus.stream().boxed().toList();
        int firstHalf = (all.size() + 1) / 2;
        BitSet a = new BitSet();
        BitSet b = new BitSet();
        for (int i = 0; i < all.size(); i++) (i < firstHalf ? a : b).set(all.get(i));
        return List.of(new CpuSet(a), new CpuSet(b));
    }

    /** The list form, ranges collapsed: {@code 0-3,6}; also the set's JSON form. */
    @Override
    @JsonValue
    public String toString() {
        List<String> parts = new ArrayList<>();
        int i = cpus.nextSetBit(0);
        while (i >= 0) {
            int end = cpus.nextClearBit(i) - 1;
            parts.add(end == i ? Integer.toString(i) : i + "-" + end);
            i = cpus.nextSetBit(end + 1);
        }
        return String.join(",", parts);
    }
}
