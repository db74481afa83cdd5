package org.vidssl.cli;

import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vidssl.core.io.AtomicFiles;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.core.retrieval.TopKAccuracy;

/** PNG charts of a run, drawn headless with JFreeChart. */
final class Charts {

    static final int WIDTH = 800;
    static final int HEIGHT = 480;

    private Charts() {}

    /** Without a display: set before the first AWT class loads (JFreeChart draws with Java2D). */
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Training loss per epoch (view 1, view 2 and their sum). */
    static AtomicFiles.Writer lossChart(List<EpochRecord> history, String title) {
        headless();
        XYSeries total = new XYSeries("total loss");
        XYSeries v1 = new XYSeries("view 1 (RGB)");
        XYSeries v2 = new XYSeries("view 2");
        for (EpochRecord r : history) {
            total.add(r.epoch(), r.loss());
            v1.add(r.epoch(), r.lossView1());
            v2.add(r.epoch(), r.lossView2());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(total);
        data.addSeries(v1);
        data.addSeries(v2);
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, "epoch", "loss", data, PlotOrientation.VERTICAL, true, false, false);
        return png(chart);
    }

    /** Fine-tuning loss and accuracy per epoch (train and validation). */
    static AtomicFiles.Writer finetuneChart(List<org.vidssl.core.finetune.FinetuneEpoch> history, String title) {
        headless();
        XYSeries trainLoss = new XYSeries("train loss");
        XYSeries valLoss = new XYSeries("validation loss");
        XYSeries valAcc = new XYSeries("validation accuracy");
        for (org.vidssl.core.finetune.FinetuneEpoch e : history) {
            trainLoss.add(e.epoch(), e.trainLoss());
            if (!Double.isNaN(e.validationLoss())) {
                valLoss.add(e.epoch(), e.validationLoss());
                valAcc.add(e.epoch(), e.validationAccuracy());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(trainLoss);
        data.addSeries(valLoss);
        data.addSeries(valAcc);
        return png(ChartFactory.createXYLineChart(
                title, "epoch", "loss / accuracy (0-1)", data, PlotOrientation.VERTICAL, true, false, false));
    }

    /** Retrieval top-k accuracy (%) per k, one bar series per run. */
    static AtomicFiles.Writer retrievalChart(Map<String, TopKAccuracy> runs, String title) {
        headless();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        runs.forEach((name, acc) -> {
            for (int i = 0; i < acc.ks().length; i++) {
                data.addValue(100 * acc.accuracyAt(i), name, "top-" + acc.ks()[i]);
            }
        });
        JFreeChart chart = ChartFactory.createBarChart(
                title, "k nearest train videos", "accuracy (%)", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().getRangeAxis().setRange(0, 100);
        return png(chart);
    }

    /**
     * Mean per grid cell (category) and figure (series), with the standard error as error bars: the ablation's
     * chart. {@code figures} maps a figure's name to its statistics, one per category, null where not measured.
     */
    static AtomicFiles.Writer ablationChart(
            List<String> categories, Map<String, List<SeedStatistics>> figures, String title) {
        headless();
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        figures.forEach((figure, stats) -> {
            for (int i = 0; i < categories.size(); i++) {
                SeedStatistics s = stats.get(i);
                if (s != null) {
                    data.add(
                            s.mean(),
                            Double.isNaN(s.standardError()) ? 0 : s.standardError(),
                            figure,
                            categories.get(i));
                }
            }
        });
        JFreeChart chart = ChartFactory.createBarChart(
                title,
                "view 2 / pretraining",
                "top-1 accuracy (%)",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        chart.getCategoryPlot().setRenderer(new StatisticalBarRenderer());
        chart.getCategoryPlot().getRangeAxis().setRange(0, 100);
        return png(chart);
    }

    /** The chart as a PNG writer, so that the demo's report files can be written together. */
    private static AtomicFiles.Writer png(JFreeChart chart) {
        return out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    }
}
