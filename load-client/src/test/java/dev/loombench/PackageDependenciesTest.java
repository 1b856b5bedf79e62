package dev.loombench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.cli.BenchCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load client's packages depend on each other one way only (DESIGN.md): no package cycle, and
 * the CLI layer ({@code dev.loombench.cli}) depends on the rest while nothing depends on it. Read
 * from the compiled classes by the JDK's own {@code jdeps}, so a dependency through a field type, a
 * lambda or a nested class counts as much as an import does.
 */
class PackageDependenciesTest {

    private static final String CLI = "dev.loombench.cli";


    /** Lines of {@code jdeps -verbose:class}: {@code   a.b.C   -> d.e.F   archive}. */
    private static final Pattern CLASS_EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+.*$");

    /** "from -> to" between load-client packages → the class pairs that make it. */
    private static final Map<String, Set<String>> EDGES = new TreeMap<>();

    @BeforeAll
    static void readTheCompiledClasses() throws Exception {
        Path classes = Path.of(BenchCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new AssertionError("no jdeps in this Java runtime; run the tests on a JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class", classes.toString());
        assertEquals(0, code, () -> "jdeps failed: " + err);

        Map<String, Set<String>> byEdge = new TreeMap<>();
        Set<String> ownPackages = new TreeSet<>();
        for (String line : out.toString().lines().toList()) {
            Matcher m = CLASS_EDGE.matcher(line);
            if (!m.matches()) continue;
            ownPackages.add(packageOf(m.group(1)));
            String from = packageOf(m.group(1));
            String to = packageOf(m.group(2));
            if (!from.equals(to) && to.startsWith("dev.loombench.")) {
                byEdge.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>()).add(m.group(1) + " -> " + m.group(2));
            }
        }
        // only load-client's own packages: server-impls' packages cannot depend back on this module
        byEdge.forEach((edge, evidence) -> {
            if (ownPackages.contains(edge.substring(edge.indexOf(" -> ") + 4))) EDGES.put(edge, evidence);
        });
        assertTrue(ownPackages.contains(CLI) && ownPackages.size() > 5, () -> "jdeps saw too little: " + ownPackages);
    }

    @Test
    void noPackageButTheCliDependsOnTheCli() {
        Map<String, Set<String>> intoCli = EDGES.entrySet().stream()
                .filter(e -> e.getKey().endsWith(" -> " + CLI))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        assertTrue(intoCli.isEmpty(), () -> "packages that depend on the CLI layer:\n" + describe(intoCli));
    }

    @Test
    void packagesFormNoCycle() {
        Map<String, Set<String>> uses = new TreeMap<>();
        EDGES.keySet().forEach(e -> {
            String[] ends = e.split(" -> ");
            uses.computeIfAbsent(ends[0], k -> new TreeSet<>()).add(ends[1]);
        });
        Set<Set<String>> cycles = new LinkedHashSet<>();
        for (String p : uses.keySet()) {
            Set<String> cycle = new TreeSet<>();
            for (String q : reachable(uses, p)) {
                if (reachable(uses, q).contains(p)) cycle.add(q); // p and q reach each other: one cycle
            }
            if (!cycle.isEmpty()) cycles.add(cycle);
        }
        assertTrue(cycles.isEmpty(), () -> "package cycles " + cycles + ", made by:\n" + describe(EDGES.entrySet().stream()
                .filter(e -> cycles.stream().anyMatch(c -> c.containsAll(List.of(e.getKey().split(" -> ")))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new))));
    }

    /** The packages {@code from} depends on, directly or through others. */
    private static Set<String> reachable(Map<String, Set<String>> uses, String from) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(uses.getOrDefault(from, Set.of()));
        while (!todo.isEmpty()) {
            String p = todo.pop();
            if (seen.add(p)) todo.addAll(uses.getOrDefault(p, Set.of()));
        }
        return seen;
    }

    private static String describe(Map<String, Set<String>> edges) {
        return edges.entrySet().stream()
                .map(e -> "  " + e.getKey() + "\n" + e.getValue().stream().map(c -> "      " + c).collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }

    /** {@code a.b.C$D} → {@code a.b}. */
    private static String packageOf(String className) {
        return className.substring(0, Math.max(0, className.lastIndexOf('.')));
    }
}
