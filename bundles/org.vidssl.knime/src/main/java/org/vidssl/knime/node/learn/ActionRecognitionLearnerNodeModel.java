package org.vidssl.knime.node.learn;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.Progress;
import org.vidssl.knime.port.ActionClassifierPortObject;
import org.vidssl.knime.port.ActionClassifierPortObjectSpec;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.port.VideoEncoderPortObjectSpec;
import org.vidssl.knime.util.EnginePending;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.VideoTable;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class ActionRecognitionLearnerNodeModel extends WebUINodeModel<ActionRecognitionLearnerSettings> {

    /** One row of the fine-tuning history (mirrors the engine's epoch record). */
    record Epoch(int epoch, double trainLoss, double validationLoss, double validationAccuracy,
        double learningRate) {
    }

    ActionRecognitionLearnerNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, ActionRecognitionLearnerSettings.class);
    }

    static DataTableSpec historySpec() {
        return new DataTableSpec("Training history", VideoTable.column("Epoch", IntCell.TYPE),
            VideoTable.column("Training loss", DoubleCell.TYPE), VideoTable.column("Validation loss", DoubleCell.TYPE),
            VideoTable.column("Validation accuracy", DoubleCell.TYPE),
            VideoTable.column("Learning rate", DoubleCell.TYPE));
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs,
        final ActionRecognitionLearnerSettings settings) throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        VideoTable.checkSpec((DataTableSpec)inSpecs[1], "video table");
        // the class list is only known once the table's rows are read
        return new PortObjectSpec[]{null, historySpec()};
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec,
        final ActionRecognitionLearnerSettings settings) throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        VideoEncoderPortObject encoder = (VideoEncoderPortObject)inObjects[0];
        VideoTable.Rows rows = VideoTable.read((BufferedDataTable)inObjects[1], exec.createSubProgress(0.01));
        List<VideoEntry> videos = rows.videos().stream()
            .filter(v -> !settings.m_trainSplitOnly || v.split() == Split.TRAIN).toList();
        List<String> classes = classNames(videos);
        if (classes.size() < 2) {
            throw new InvalidSettingsException("The training videos have " + classes.size() + " class(es): a "
                + "classifier needs at least 2. Check the Class column and the split filter.");
        }
        ActionClassifierPortObjectSpec spec = encoder != null
            ? classifierSpec(encoder.getSpec(), settings, classes)
            : new ActionClassifierPortObjectSpec(settings.m_architecture.id(), modality(settings),
                settings.m_clipLength, settings.m_cropSize, settings.m_cropSize, classes);
        FileStore store = exec.createFileStore("action-classifier");
        List<Epoch> history = KnimeProgress.run(exec.createSubProgress(0.98),
            p -> train(encoder, videos, classes, settings, store.getFile().toPath(), p));
        BufferedDataContainer out = exec.createDataContainer(historySpec());
        for (Epoch e : history) {
            out.addRowToTable(new DefaultRow(RowKey.createRowKey((long)e.epoch()), new IntCell(e.epoch()),
                new DoubleCell(e.trainLoss()), new DoubleCell(e.validationLoss()),
                new DoubleCell(e.validationAccuracy()), new DoubleCell(e.learningRate())));
        }
        out.close();
        if (rows.warning() != null) {
            setWarningMessage(rows.warning());
        }
        return new PortObject[]{new ActionClassifierPortObject(spec, store), out.getTable()};
    }

    private static String modality(final ActionRecognitionLearnerSettings settings) {
        return settings.m_input.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ActionClassifierPortObjectSpec classifierSpec(final VideoEncoderPortObjectSpec encoder,
        final ActionRecognitionLearnerSettings settings, final List<String> classes) {
        return new ActionClassifierPortObjectSpec(encoder.architecture(), modality(settings), encoder.clipLength(),
            encoder.height(), encoder.width(), classes);
    }

    /** Class names ordered by class index; the network's output i is class i. */
    static List<String> classNames(final List<VideoEntry> videos) throws InvalidSettingsException {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        for (VideoEntry v : videos) {
            String previous = byIndex.putIfAbsent(v.classIndex(), v.className());
            if (previous != null && !previous.equals(v.className())) {
                throw new InvalidSettingsException("Class index " + v.classIndex() + " is used for both '" + previous
                    + "' and '" + v.className() + "' (video " + v.videoId() + "): fix the Class index column.");
            }
        }
        if (!byIndex.isEmpty() && (byIndex.firstKey() != 0 || byIndex.lastKey() != byIndex.size() - 1)) {
            throw new InvalidSettingsException("Class indices must run from 0 to the number of classes - 1 without "
                + "gaps; found " + byIndex.keySet() + ".");
        }
        return List.copyOf(byIndex.values());
    }

    private static List<Epoch> train(final VideoEncoderPortObject encoder, final List<VideoEntry> videos,
        final List<String> classes, final ActionRecognitionLearnerSettings settings, final Path classifierFile,
        final Progress progress) {
        // ENGINE-PENDING: load EncoderFile (or Backbones.create(architecture)), add Linear(512, classes), fine-tune
        //     with the paper's recipe on a ClipSources.open(...) source, save the best model to classifierFile
        throw EnginePending.notYet("fine-tuning (the torch action-recognition trainer)");
    }
}
