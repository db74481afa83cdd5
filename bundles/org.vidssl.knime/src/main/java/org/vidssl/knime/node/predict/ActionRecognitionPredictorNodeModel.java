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
import org.vidssl.core.clip.ClipSource;
import org.vidssl.knime.port.ActionClassifierPortObject;
import org.vidssl.knime.port.ActionClassifierPortObjectSpec;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.ModelClips;
import org.vidssl.knime.util.VideoTable;
import org.vidssl.torch.engine.Devices;
import org.vidssl.torch.finetune.ActionClassifier;
import org.vidssl.torch.finetune.ActionPredictor;
import org.vidssl.torch.finetune.ClassifierFile;
import org.vidssl.torch.finetune.Predictions;
import org.vidssl.video.clips.ClipSources;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class ActionRecognitionPredictorNodeModel extends WebUINodeModel<ActionRecognitionPredictorSettings> {

    ActionRecognitionPredictorNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, ActionRecognitionPredictorSettings.class);
    }

    /** The input columns, then the predicted class (string), its probability and optionally all probabilities. */
    static DataTableSpec outputSpec(final DataTableSpec in, final List<String> classes, final boolean probabilities)
            throws InvalidSettingsException {
        List<DataColumnSpec> columns = new ArrayList<>();
        in.forEach(columns::add);
        List<String> added = PredictionColumns.names(classes, probabilities);
        for (int i = 0; i < added.size(); i++) {
            if (in.containsName(added.get(i))) {
                throw new InvalidSettingsException("The video table already has a column '" + added.get(i)
                        + "': remove or rename it first (Column Filter / Column Renamer).");
            }
            columns.add(VideoTable.column(added.get(i), i == 0 ? StringCell.TYPE : DoubleCell.TYPE));
        }
        return new DataTableSpec("Predictions", columns.toArray(DataColumnSpec[]::new));
    }

    @Override
    protected PortObjectSpec[] configure(
            final PortObjectSpec[] inSpecs, final ActionRecognitionPredictorSettings settings)
            throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        ActionClassifierPortObjectSpec classifier = (ActionClassifierPortObjectSpec) inSpecs[0];
        DataTableSpec table = (DataTableSpec) inSpecs[1];
        VideoTable.checkSpec(table, "video table");
        return new PortObjectSpec[] {
            classifier == null || table == null
                    ? null
                    : outputSpec(table, classifier.classes(), settings.m_appendProbabilities)
        };
    }

    @Override
    protected PortObject[] execute(
            final PortObject[] inObjects,
            final ExecutionContext exec,
            final ActionRecognitionPredictorSettings settings)
            throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        ActionClassifierPortObject classifierPort = (ActionClassifierPortObject) inObjects[0];
        BufferedDataTable table = (BufferedDataTable) inObjects[1];
        List<String> classes = classifierPort.getSpec().classes();
        VideoTable.Rows rows = VideoTable.read(table, exec.createSubProgress(0.01));
        Predictions predictions = KnimeProgress.run(exec.createSubProgress(0.97), p -> {
            try (ActionClassifier classifier =
                            ClassifierFile.load(classifierPort.modelFile(), Devices.parse(settings.m_device));
                    ClipSource source = ClipSources.open(
                            rows.videos(),
                            ModelClips.forModel(classifierPort.getSpec(), settings.m_clipsPerVideo),
                            null)) {
                return ActionPredictor.predict(
                        classifier,
                        source,
                        settings.m_clipsPerVideo,
                        settings.m_batchSize,
                        settings.m_loaderThreads,
                        p);
            }
        });
        Map<RowKey, Predictions.VideoPrediction> byRow = new HashMap<>();
        for (int i = 0; i < predictions.videos().size(); i++) {
            byRow.put(rows.keys().get(i), predictions.videos().get(i));
        }
        DataTableSpec spec = outputSpec(table.getDataTableSpec(), classes, settings.m_appendProbabilities);
        BufferedDataContainer out = exec.createDataContainer(spec);
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                DataRow row = it.next();
                Predictions.VideoPrediction prediction = byRow.get(row.getKey());
                if (prediction == null) {
                    continue; // skipped row, counted in the warning
                }
                List<DataCell> cells = new ArrayList<>(spec.getNumColumns());
                row.forEach(cells::add);
                List<Object> values = PredictionColumns.values(prediction, classes, settings.m_appendProbabilities);
                cells.add(new StringCell((String) values.get(0)));
                for (int i = 1; i < values.size(); i++) {
                    cells.add(new DoubleCell((Double) values.get(i)));
                }
                out.addRowToTable(new DefaultRow(row.getKey(), cells));
            }
        }
        out.close();
        if (rows.warning() != null) {
            setWarningMessage(rows.warning());
        }
        return new PortObject[] {out.getTable()};
    }
}
