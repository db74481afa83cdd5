package org.vidssl.knime.node.predict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.Progress;
import org.vidssl.knime.port.ActionClassifierPortObject;
import org.vidssl.knime.port.ActionClassifierPortObjectSpec;
import org.vidssl.knime.util.EnginePending;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.VideoTable;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class ActionRecognitionPredictorNodeModel extends WebUINodeModel<ActionRecognitionPredictorSettings> {

    /** KNIME's Scorer pairs "Class" with this column by default naming ("Prediction (<target>)"). */
    static final String PREDICTION = "Prediction (" + VideoTable.CLASS + ")";
    static final String CONFIDENCE = "Confidence";

    ActionRecognitionPredictorNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, ActionRecognitionPredictorSettings.class);
    }

    static DataTableSpec outputSpec(final DataTableSpec in, final ActionClassifierPortObjectSpec classifier,
        final boolean probabilities) throws InvalidSettingsException {
        List<DataColumnSpec> columns = new ArrayList<>();
        in.forEach(columns::add);
        List<String> added = new ArrayList<>(List.of(PREDICTION, CONFIDENCE));
        if (probabilities) {
            classifier.classes().forEach(c -> added.add(probabilityColumn(c)));
        }
        for (String name : added) {
            if (in.containsName(name)) {
                throw new InvalidSettingsException("The video table already has a column '" + name
                    + "': remove or rename it first (Column Filter / Column Renamer).");
            }
        }
        columns.add(VideoTable.column(PREDICTION, StringCell.TYPE));
        columns.add(VideoTable.column(CONFIDENCE, DoubleCell.TYPE));
        for (int i = 2; i < added.size(); i++) {
            columns.add(VideoTable.column(added.get(i), DoubleCell.TYPE));
        }
        return new DataTableSpec("Predictions", columns.toArray(DataColumnSpec[]::new));
    }

    static String probabilityColumn(final String className) {
        return "P (" + className + ")";
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs,
        final ActionRecognitionPredictorSettings settings) throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        ActionClassifierPortObjectSpec classifier = (ActionClassifierPortObjectSpec)inSpecs[0];
        DataTableSpec table = (DataTableSpec)inSpecs[1];
        VideoTable.checkSpec(table, "video table");
        return new PortObjectSpec[]{
            classifier == null || table == null ? null : outputSpec(table, classifier, settings.m_appendProbabilities)};
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec,
        final ActionRecognitionPredictorSettings settings) throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        ActionClassifierPortObject classifier = (ActionClassifierPortObject)inObjects[0];
        BufferedDataTable table = (BufferedDataTable)inObjects[1];
        List<String> classes = classifier.getSpec().classes();
        VideoTable.Rows rows = VideoTable.read(table, exec.createSubProgress(0.01));
        float[][] probabilities =
            KnimeProgress.run(exec.createSubProgress(0.97), p -> predict(classifier, rows.videos(), settings, p));
        Map<RowKey, float[]> byRow = new HashMap<>();
        for (int i = 0; i < probabilities.length; i++) {
            byRow.put(rows.keys().get(i), probabilities[i]);
        }
        DataTableSpec spec = outputSpec(table.getDataTableSpec(), classifier.getSpec(),
            settings.m_appendProbabilities);
        BufferedDataContainer out = exec.createDataContainer(spec);
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                DataRow row = it.next();
                float[] p = byRow.get(row.getKey());
                if (p == null) {
                    continue; // skipped row, counted in the warning
                }
                int best = argMax(p);
                List<DataCell> cells = new ArrayList<>(spec.getNumColumns());
                row.forEach(cells::add);
                cells.add(new StringCell(classes.get(best)));
                cells.add(new DoubleCell(p[best]));
                if (settings.m_appendProbabilities) {
                    for (float v : p) {
                        cells.add(new DoubleCell(v));
                    }
                }
                out.addRowToTable(new DefaultRow(row.getKey(), cells));
            }
        }
        out.close();
        if (rows.warning() != null) {
            setWarningMessage(rows.warning());
        }
        return new PortObject[]{out.getTable()};
    }

    static int argMax(final float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static float[][] predict(final ActionClassifierPortObject classifier, final List<VideoEntry> videos,
        final ActionRecognitionPredictorSettings settings, final Progress progress) {
        // ENGINE-PENDING: load the classifier file, average the logits of settings.m_clipsPerVideo test clips per
        //     video, softmax -> one probability row per video (class order = classifier.getSpec().classes())
        throw EnginePending.notYet("prediction (the torch action-recognition model)");
    }
}
