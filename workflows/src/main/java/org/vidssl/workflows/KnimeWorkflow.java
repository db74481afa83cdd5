package org.vidssl.workflows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A KNIME workflow as files: {@code workflow.knime} (nodes with ids, settings file paths and bounds; connections),
 * one folder {@code <node name> (#<id>)} per node with its {@code settings.xml} (factory, name, bundle, state, the
 * {@code model} settings), and {@code workflow-metadata.xml} with the description. Written in the format KNIME
 * Analytics Platform 5.6 saves (workflow format version 5.1.0), with every node unexecuted, in the state KNIME gives it
 * when it loads and configures the workflow (see {@link #state}).
 * Port indices count as in KNIME: 0 is a node's flow-variable port, data ports start at 1.
 */
final class KnimeWorkflow {

    /** The KNIME version the files claim to be created by, and the workflow format version it writes. */
    static final String CREATED_BY = "5.6.0";

    static final String FORMAT_VERSION = "5.1.0";
    /** KNIME's saved node states (InternalNodeContainerState names) of unexecuted nodes. */
    static final String IDLE = "IDLE";

    static final String CONFIGURED = "CONFIGURED";
    /** Fixed, so a rebuild gives byte-identical files. */
    private static final String AUTHORED_WHEN = "2026-01-01 00:00:00 +0000";

    /** Where a node's factory lives: its bundle and feature, which KNIME shows when the extension is missing. */
    record Origin(
            String bundleName,
            String bundleSymbolicName,
            String bundleVendor,
            String bundleVersion,
            String featureName,
            String featureSymbolicName,
            String featureVendor,
            String featureVersion) {}

    /** A node type: factory class, the name KNIME shows, where it comes from, its number of data output ports. */
    record NodeType(String factory, String name, Origin origin, int outputPorts) {}

    private record Node(int id, NodeType type, KnimeConfig model, int x, int y) {
        String folder() {
            return type.name() + " (#" + id + ")";
        }
    }

    private record Connection(int sourceId, int sourcePort, int destId, int destPort) {}

    private final String name;
    private final String description;
    private final Map<Integer, Node> nodes = new LinkedHashMap<>();
    private final List<Connection> connections = new ArrayList<>();
    /** Outputs ("node:port") whose spec a node's configure cannot give (it is only known after execution). */
    private final Set<String> specsAfterExecution = new HashSet<>();

    KnimeWorkflow(String name, String description) {
        this.name = name;
        this.description = description;
    }

    String name() {
        return name;
    }

    int nodeCount() {
        return nodes.size();
    }

    /** Adds a node with the next id and returns that id; {@code model} is the settings.xml's config "model". */
    int add(NodeType type, KnimeConfig model, int x, int y) {
        if (!model.key().equals("model")) {
            throw new IllegalArgumentException("A node's settings config must be keyed 'model', not " + model.key());
        }
        int id = nodes.size() + 1;
        nodes.put(id, new Node(id, type, model, x, y));
        return id;
    }

    /** Connects data output {@code sourcePort} (1-based) of one node to data input {@code destPort} of another. */
    KnimeWorkflow connect(int sourceId, int sourcePort, int destId, int destPort) {
        if (!nodes.containsKey(sourceId) || !nodes.containsKey(destId)) {
            throw new IllegalArgumentException("Connection " + sourceId + " -> " + destId + " names a missing node");
        }
        connections.add(new Connection(sourceId, sourcePort, destId, destPort));
        return this;
    }

    /**
     * Declares that output {@code port} (1-based) of a node has no spec before the node executed (its configure
     * returns null there), so KNIME cannot configure the nodes fed by it.
     */
    KnimeWorkflow specOnlyAfterExecution(int nodeId, int port) {
        specsAfterExecution.add(nodeId + ":" + port);
        return this;
    }

    /**
     * The state KNIME saves for a node of a freshly loaded workflow: CONFIGURED when each connected input gets a spec
     * (the feeding node is CONFIGURED and its output has a spec before execution), IDLE otherwise; KNIME does not
     * configure a node with a missing input spec. Saving IDLE for a node KNIME configures makes it warn "State has
     * changed from IDLE to CONFIGURED" on load. The settings of every node are expected to be valid (the workflow
     * test validates them).
     */
    String state(int nodeId) {
        for (Connection c : connections) {
            if (c.destId() == nodeId
                    && (specsAfterExecution.contains(c.sourceId() + ":" + c.sourcePort())
                            || state(c.sourceId()).equals(IDLE))) {
                return IDLE;
            }
        }
        return CONFIGURED;
    }

    /** The workflow's own state: IDLE while any node is, else CONFIGURED. */
    private String workflowState() {
        return nodes.keySet().stream().anyMatch(id -> state(id).equals(IDLE)) ? IDLE : CONFIGURED;
    }

    /** Writes the workflow folder {@code parent/<name>}, replacing an older one, and returns it. */
    Path writeFolder(Path parent) throws IOException {
        Path folder = parent.resolve(name);
        Path temp = parent.resolve("." + name + ".partial");
        deleteRecursively(temp);
        Files.createDirectories(temp);
        for (Map.Entry<String, String> file : files().entrySet()) {
            Path path = temp.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
        deleteRecursively(folder);
        Files.move(temp, folder, StandardCopyOption.ATOMIC_MOVE);
        return folder;
    }

    /**
     * Writes {@code <name>.knwf}, KNIME's workflow export: a zip whose entries all sit under the workflow's folder
     * name. Entries carry a fixed time, so the archive is reproducible.
     */
    Path writeArchive(Path parent) throws IOException {
        Files.createDirectories(parent);
        Path archive = parent.resolve(name + ".knwf");
        Path temp = parent.resolve("." + name + ".knwf.partial");
        try (OutputStream out = Files.newOutputStream(temp);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            List<String> folders = new ArrayList<>();
            for (Map.Entry<String, String> file : files().entrySet()) {
                String path = name + "/" + file.getKey();
                String dir = path.substring(0, path.lastIndexOf('/') + 1);
                if (!folders.contains(dir)) {
                    folders.add(dir);
                    zip.putNextEntry(entry(dir));
                    zip.closeEntry();
                }
                zip.putNextEntry(entry(path));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Files.move(temp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return archive;
    }

    private static ZipEntry entry(String path) {
        ZipEntry entry = new ZipEntry(path);
        entry.setTime(1_767_225_600_000L); // 2026-01-01T00:00:00Z
        return entry;
    }

    /** Relative path -> content of every file of the workflow folder, workflow.knime first. */
    private Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("workflow.knime", workflowKnime().toXml());
        files.put("workflow-metadata.xml", metadata());
        for (Node node : nodes.values()) {
            files.put(
                    node.folder() + "/settings.xml",
                    nodeSettings(node, state(node.id())).toXml());
        }
        return files;
    }

    private KnimeConfig workflowKnime() {
        KnimeConfig wf = new KnimeConfig("workflow.knime")
                .addString("created_by", CREATED_BY)
                .addBoolean("created_by_nightly", false)
                .addString("version", FORMAT_VERSION)
                .addString("name", null);
        wf.addConfig("authorInformation")
                .addString("authored-by", "vidssl")
                .addString("authored-when", AUTHORED_WHEN)
                .addString("lastEdited-by", "vidssl")
                .addString("lastEdited-when", AUTHORED_WHEN);
        wf.addString("customDescription", null).addString("state", workflowState());
        wf.addConfig("workflow_credentials");
        KnimeConfig nodeList = wf.addConfig("nodes");
        for (Node node : nodes.values()) {
            KnimeConfig n = nodeList.addConfig("node_" + node.id())
                    .addInt("id", node.id())
                    .addString("node_settings_file", node.folder() + "/settings.xml")
                    .addBoolean("node_is_meta", false)
                    .addString("node_type", "NativeNode")
                    .addString("ui_classname", "org.knime.core.node.workflow.NodeUIInformation");
            n.addConfig("ui_settings").addIntArray("extrainfo.node.bounds", node.x(), node.y(), 140, 80);
        }
        KnimeConfig connectionList = wf.addConfig("connections");
        for (int i = 0; i < connections.size(); i++) {
            Connection c = connections.get(i);
            KnimeConfig conn = connectionList
                    .addConfig("connection_" + i)
                    .addInt("sourceID", c.sourceId())
                    .addInt("destID", c.destId())
                    .addInt("sourcePort", c.sourcePort())
                    .addInt("destPort", c.destPort())
                    .addString("ui_classname", "org.knime.core.node.workflow.ConnectionUIInformation");
            conn.addConfig("ui_settings").addInt("extrainfo.conn.bendpoints_size", 0);
        }
        wf.addConfig("workflow_editor_settings")
                .addBoolean("workflow.editor.snapToGrid", true)
                .addBoolean("workflow.editor.ShowGrid", false)
                .addInt("workflow.editor.gridX", 20)
                .addInt("workflow.editor.gridY", 20)
                .addDouble("workflow.editor.zoomLevel", 1.0)
                .addBoolean("workflow.editor.curvedConnections", true)
                .addInt("workflow.editor.connectionWidth", 2);
        return wf;
    }

    private static KnimeConfig nodeSettings(Node node, String state) {
        NodeType type = node.type();
        Origin origin = type.origin();
        KnimeConfig s = new KnimeConfig("settings.xml").addString("node_file", "settings.xml");
        s.addConfig("flow_stack");
        s.addConfig("internal_node_subsettings").addString("memory_policy", "CacheSmallInMemory");
        s.addConfig(node.model());
        s.addConfig("variables");
        s.addString("customDescription", null)
                .addString("state", state)
                .addString("factory", type.factory())
                .addString("node-name", type.name())
                .addString("node-bundle-name", origin.bundleName())
                .addString("node-bundle-symbolic-name", origin.bundleSymbolicName())
                .addString("node-bundle-vendor", origin.bundleVendor())
                .addString("node-bundle-version", origin.bundleVersion())
                .addString("node-feature-name", origin.featureName())
                .addString("node-feature-symbolic-name", origin.featureSymbolicName())
                .addString("node-feature-vendor", origin.featureVendor())
                .addString("node-feature-version", origin.featureVersion());
        s.addConfig("factory_settings");
        s.addString("name", type.name()).addBoolean("hasContent", false).addBoolean("isInactive", false);
        KnimeConfig ports = s.addConfig("ports");
        for (int port = 1; port <= type.outputPorts(); port++) {
            ports.addConfig("port_" + port).addInt("index", port).addString("port_dir_location", null);
        }
        s.addConfig("filestores").addString("file_store_location", null).addString("file_store_id", null);
        return s;
    }

    private String metadata() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<workflow-metadata content-type=\"text/plain\""
                + " xmlns=\"http://www.knime.org/core/node/workflow/metadata/v1.0\">\n"
                + "    <last-modified>2026-01-01T00:00:00.000Z</last-modified>\n"
                + "    <description>"
                + description.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                + "</description>\n"
                + "</workflow-metadata>\n";
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
