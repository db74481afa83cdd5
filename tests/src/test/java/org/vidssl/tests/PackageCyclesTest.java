package org.vidssl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package dependency graph of our compiled main classes, every module together, as the JDK's {@code jdeps}
 * reads it from the class files: it must have no cycle, so each package can be understood (and moved) on its own.
 * Self-test code lives in {@code *.selftest} packages and benchmark code in {@code org.vidssl.cli.bench}, outside
 * the bundles of the feature.
 */
class PackageCyclesTest {

    /** Modules with Java main code of ours (knime-api holds KNIME's declarations, not ours). */
    private static final List<String> MODULES = List.of(
            "bundles/org.vidssl.core",
            "bundles/org.vidssl.video",
            "bundles/org.vidssl.torch",
            "bundles/org.vidssl.knime",
            "bundles/org.vidssl.cli",
            "bundles/org.vidssl.spark",
            "workflows");

    /** One jdeps line of {@code -verbose:class}: {@code   org.a.Foo   -> org.b.Bar   classes}. */
    private static final Pattern DEPENDENCY = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S.*$");

    /** Package -> package it depends on -> one class dependency behind that edge, for the failure message. */
    private static Map<String, Map<String, String>> graph;

    @BeforeAll
    static void readPackageGraph() throws IOException {
        graph = packageGraph(classFolders());
    }

    @Test
    void everyModuleIsReadAndTheGraphHasTheKnownEdges() {
        Set<String> packages = new TreeSet<>(graph.keySet());
        for (String module : MODULES) {
            String prefix = module.equals("workflows") ? "org.vidssl.workflows" : module.substring("bundles/".length());
            assertTrue(
                    packages.stream().anyMatch(p -> p.equals(prefix) || p.startsWith(prefix + ".")),
                    "no package of " + module + " in the graph: " + packages);
        }
        // a sample of real edges, so a change in jdeps' output format cannot leave an empty graph that passes
        assertTrue(graph.get("org.vidssl.torch.pretrain").containsKey("org.vidssl.torch.engine"), graph.toString());
        assertTrue(graph.get("org.vidssl.torch.selftest").containsKey("org.vidssl.torch.pretrain"), graph.toString());
        assertTrue(graph.get("org.vidssl.cli.bench").containsKey("org.vidssl.torch.pretrain"), graph.toString());
    }

    @Test
    void packageDependenciesHaveNoCycle() {
        List<String> cycles = new ArrayList<>();
        for (Set<String> component : stronglyConnectedComponents(graph)) {
            if (component.size() > 1) {
                cycles.add(describe(component));
            }
        }
        assertTrue(
                cycles.isEmpty(),
                "package cycles (each: one cycle through the strongly connected packages, "
                        + "then every edge among them with one class dependency behind it):\n"
                        + String.join("\n", cycles));
    }

    @Test
    void selfTestsAndBenchmarksLiveInTheirOwnPackagesOutsideTheFeature() throws IOException {
        List<String> misplaced = new ArrayList<>();
        for (Path folder : classFolders()) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = folder.relativize(file)
                            .toString()
                            .replace(file.getFileSystem().getSeparator(), ".");
                    String className = name.substring(0, name.length() - ".class".length());
                    String simple =
                            className.substring(className.lastIndexOf('.') + 1).replaceAll("\\$.*", "");
                    String pkg = className.substring(0, className.lastIndexOf('.'));
                    boolean selfTest = simple.endsWith("SelfTest") && !pkg.endsWith(".selftest");
                    boolean benchmark = simple.endsWith("Benchmark") && !pkg.equals("org.vidssl.cli.bench");
                    if (selfTest || benchmark) {
                        misplaced.add(className);
                    }
                }
            }
        }
        assertEquals(List.of(), misplaced, "self-tests belong in *.selftest, benchmarks in org.vidssl.cli.bench");
    }

    private static List<Path> classFolders() {
        List<Path> folders = new ArrayList<>();
        for (String module : MODULES) {
            Path classes = BuiltArtifacts.root().resolve(module).resolve("target/classes");
            assertTrue(
                    Files.isDirectory(classes), "Not compiled: " + classes + " (run ./mvnw -B verify from the root)");
            folders.add(classes);
        }
        return folders;
    }

    /** Runs jdeps over the class folders and keeps the dependencies between different packages of ours. */
    static Map<String, Map<String, String>> packageGraph(List<Path> classFolders) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("jdeps not found: run the tests on a JDK, not a JRE"));
        List<String> args = new ArrayList<>(List.of("-verbose:class", "-regex", "org\\.vidssl\\..*"));
        classFolders.forEach(folder -> args.add(folder.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertEquals(0, status, "jdeps " + args + " failed:\n" + err + out);

        Map<String, Map<String, String>> packages = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher m = DEPENDENCY.matcher(line);
            if (!m.matches() || !m.group(1).startsWith("org.vidssl.")) {
                continue;
            }
            String from = packageOf(m.group(1));
            String to = packageOf(m.group(2));
            Map<String, String> edges = packages.computeIfAbsent(from, p -> new TreeMap<>());
            packages.computeIfAbsent(to, p -> new TreeMap<>());
            if (!from.equals(to)) {
                edges.putIfAbsent(to, m.group(1) + " -> " + m.group(2));
            }
        }
        return packages;
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    /** Tarjan's algorithm: the strongly connected components of the package graph. */
    static List<Set<String>> stronglyConnectedComponents(Map<String, Map<String, String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> components = new ArrayList<>();
        for (String start : edges.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, edges, index, low, stack, onStack, components);
            }
        }
        return components;
    }

    private static void connect(
            String node,
            Map<String, Map<String, String>> edges,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            List<Set<String>> components) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : edges.getOrDefault(node, Map.of()).keySet()) {
            if (!index.containsKey(next)) {
                connect(next, edges, index, low, stack, onStack, components);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }

    /** The shortest cycle through the component's first package, then every edge inside the component. */
    private static String describe(Set<String> component) {
        String start = component.iterator().next();
        Map<String, String> previous = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        String last = null;
        while (last == null && !queue.isEmpty()) {
            String node = queue.poll();
            for (String next : graph.get(node).keySet()) {
                if (next.equals(start)) {
                    last = node;
                    break;
                }
                if (component.contains(next) && !previous.containsKey(next)) {
                    previous.put(next, node);
                    queue.add(next);
                }
            }
        }
        List<String> cycle = new ArrayList<>(List.of(start));
        for (String node = last; !node.equals(start); node = previous.get(node)) {
            cycle.add(1, node);
        }
        cycle.add(start);
        StringBuilder text = new StringBuilder(String.join(" -> ", cycle));
        for (String from : component) {
            String inside = graph.get(from).entrySet().stream()
                    .filter(e -> component.contains(e.getKey()))
                    .map(e -> "\n    " + from + " -> " + e.getKey() + "  (" + e.getValue() + ")")
                    .collect(Collectors.joining());
            text.append(inside);
        }
        return text.toString();
    }
}
