package org.vidssl.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a workflow may use: every node factory of our KNIME bundle, with its name, settings class and ports, and
 * the few KNIME core nodes the example workflows use. Our nodes are read from the factories' sources (the
 * {@code NodeDescriptionTexts} builder chain: {@code name}, {@code modelSettingsClass}, {@code addInput*},
 * {@code addOutput*} in order, port types as {@code () -> X.TYPE}), because outside KNIME the port types cannot be
 * looked up (knime-api's bodies throw); KNIME's nodes are described here by hand, from KNIME's sources, in the one
 * place this project needs them.
 */
final class KnimeNodeCatalog {

    /** A data port: its name, its type (TABLE, or our port object class's simple name) and whether it is optional. */
    record Port(String name, String type, boolean optional) {}

    /**
     * A node factory. {@code settingsClass} is the fully qualified NodeParameters class of our nodes (null for KNIME
     * core nodes, which list their {@code modelKeys} instead).
     */
    record Node(
            String factory,
            String name,
            String settingsClass,
            Set<String> modelKeys,
            List<Port> inputs,
            List<Port> outputs) {}

    static final String TABLE = "TABLE";

    private static final Pattern NAME = Pattern.compile("\\.name\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern SETTINGS =
            Pattern.compile("\\.modelSettingsClass\\(\\s*([A-Za-z0-9_.]+)\\.class\\s*\\)");
    private static final Pattern PORT =
            Pattern.compile("\\.(addInputTable|addOutputTable|addInputPort|addOutputPort)\\(\\s*\"([^\"]*)\""
                    + "(?:\\s*,\\s*(?:\\(\\)\\s*->\\s*)?([A-Za-z0-9_.]+))?");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([a-z0-9_.]+);", Pattern.MULTILINE);

    private KnimeNodeCatalog() {}

    /** Every node a shipped workflow may contain, by factory class name. */
    static Map<String, Node> all() throws IOException {
        Map<String, Node> nodes = new LinkedHashMap<>(ours());
        for (Node core : knimeCoreNodes()) {
            nodes.put(core.factory(), core);
        }
        return nodes;
    }

    /** Our nodes, parsed from {@code bundles/org.vidssl.knime/src/main/java/**}/*NodeFactory.java}. */
    static Map<String, Node> ours() throws IOException {
        Path sources = BuiltArtifacts.root().resolve("bundles/org.vidssl.knime/src/main/java");
        Map<String, Node> nodes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("NodeFactory.java"))
                    .sorted()
                    .toList()) {
                Node node = parseFactory(file);
                nodes.put(node.factory(), node);
            }
        }
        return nodes;
    }

    private static Node parseFactory(Path file) throws IOException {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        String pkg = find(PACKAGE, source, file, "package");
        String simpleName = file.getFileName().toString().replace(".java", "");
        String name = find(NAME, source, file, ".name(\"...\")");
        String settings = resolve(find(SETTINGS, source, file, ".modelSettingsClass(X.class)"), pkg, source);
        List<Port> inputs = new ArrayList<>();
        List<Port> outputs = new ArrayList<>();
        Matcher m = PORT.matcher(source);
        while (m.find()) {
            boolean input = m.group(1).startsWith("addInput");
            Port port;
            if (m.group(1).endsWith("Table")) {
                port = new Port(m.group(2), TABLE, false);
            } else {
                String typeExpression = m.group(3); // e.g. VideoEncoderPortObject.TYPE_OPTIONAL
                if (typeExpression == null || !typeExpression.contains(".TYPE")) {
                    throw new IllegalStateException(file + ": cannot read the port type of " + m.group());
                }
                String owner = typeExpression.substring(0, typeExpression.indexOf(".TYPE"));
                owner = owner.substring(owner.lastIndexOf('.') + 1);
                port = new Port(
                        m.group(2),
                        owner.equals("BufferedDataTable") ? TABLE : owner,
                        typeExpression.endsWith("_OPTIONAL"));
            }
            (input ? inputs : outputs).add(port);
        }
        return new Node(pkg + "." + simpleName, name, settings, null, List.copyOf(inputs), List.copyOf(outputs));
    }

    private static String find(Pattern pattern, String source, Path file, String what) {
        Matcher m = pattern.matcher(source);
        if (!m.find()) {
            throw new IllegalStateException(file + " has no " + what + " the workflow test can read");
        }
        return m.group(1);
    }

    /** A class name as written in a source: qualified already, imported, or in the same package. */
    private static String resolve(String name, String pkg, String source) {
        if (name.contains(".")) {
            return name;
        }
        Matcher imported = Pattern.compile("^import\\s+([a-zA-Z0-9_.]+\\." + name + ");", Pattern.MULTILINE)
                .matcher(source);
        return imported.find() ? imported.group(1) : pkg + "." + name;
    }

    /**
     * The KNIME core nodes the example workflows use, as KNIME Analytics Platform 5.6 declares them (bundle
     * org.knime.base): ports, and the keys of the settings they save.
     */
    static List<Node> knimeCoreNodes() {
        Port table = new Port("Input table", TABLE, false);
        return List.of(
                new Node(
                        "org.knime.base.node.preproc.filter.row3.RowSplitterNodeFactory",
                        "Row Splitter",
                        null,
                        Set.of("matchCriteria", "predicates", "domains", "outputMode"),
                        List.of(table),
                        List.of(new Port("Matching rows", TABLE, false), new Port("Non-matching rows", TABLE, false))),
                new Node(
                        "org.knime.base.node.preproc.filter.row3.RowFilterNodeFactory",
                        "Row Filter",
                        null,
                        Set.of("matchCriteria", "predicates", "domains", "outputMode"),
                        List.of(table),
                        List.of(new Port("Filtered table", TABLE, false))),
                new Node(
                        "org.knime.base.node.mine.scorer.accuracy.AccuracyScorer2NodeFactory",
                        "Scorer",
                        null,
                        Set.of(
                                "first",
                                "second",
                                "flowVarPrefix",
                                "sortingReversed",
                                "sortingStrategy",
                                "ignore.missing.values"),
                        List.of(table),
                        List.of(
                                new Port("Confusion matrix", TABLE, false),
                                new Port("Accuracy statistics", TABLE, false))));
    }
}
