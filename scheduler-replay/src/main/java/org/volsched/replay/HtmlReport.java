package org.volsched.replay;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code report.html}: the replays of one trace under each configuration, side by side. One file a
 * person opens in a browser, with no network: the charts are drawn with JFreeChart and embedded as
 * base64 PNG {@code data:} URIs, the style is inline.
 */
public final class HtmlReport {
    /** The sections, by id, in order. */
    public static final List<String> SECTIONS = List.of("outcomes", "utilisation", "volumes", "stranded",
            "refusals-over-time", "busiest-pools", "placed-differently");
    private static final int BUSIEST = 5;

    private HtmlReport() {
    }

    /**
     * Writes the report.
     *
     * @param title what was replayed (the trace and the fleet)
     * @param diffs each configuration after the first against the first
     */
    public static void write(Path file, String title, List<ReplaySummary> runs, List<DecisionDiff> diffs) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>volsched replay: ")
                .append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;max-width:72em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.3em .6em;"
                        + "text-align:right}th:first-child,td:first-child{text-align:left}")
                .append("th{background:#eee}img{max-width:100%;border:1px solid #ddd;margin:.5em 0}")
                .append(".note{color:#555;font-size:.9em}\n</style>\n</head>\n<body>\n");
        h.append("<h1>volsched replay</h1>\n<p>").append(esc(title)).append("</p>\n<ul>\n");
        for (ReplaySummary s : runs) {
            ReplayResult r = s.result();
            h.append("<li><b>").append(esc(r.name())).append("</b>: ").append(r.placed()).append(" of ")
                    .append(r.decided()).append(" requests placed (").append(pct(r.decided() == 0 ? 0
                            : (double) r.placed() / r.decided())).append("), ")
                    .append(r.firstRefusal() == null ? "none refused"
                            : "first refusal at " + time(r.firstRefusal().t()))
                    .append("; final utilisation ").append(pct(s.utilisationMean())).append(" on average, spread ")
                    .append(pct(s.utilisationStddev())).append(" (std. deviation), ").append(s.poolsAbove90())
                    .append(" pools above 90 %; ").append(num(s.strandedGb())).append(" GB stranded</li>\n");
        }
        h.append("</ul>\n");

        // Outcomes
        h.append("<section id=\"outcomes\">\n<h2>Placed and refused</h2>\n<table>\n<tr><th>configuration</th>"
                + "<th>requests</th><th>placed</th><th>refused</th><th>first refusal</th><th>internal errors</th>"
                + "<th>decisions/s</th></tr>\n");
        DefaultCategoryDataset outcomes = new DefaultCategoryDataset();
        for (ReplaySummary s : runs) {
            ReplayResult r = s.result();
            ReplayResult.Refusal f = r.firstRefusal();
            h.append("<tr><td>").append(esc(r.name())).append("</td><td>").append(r.decided()).append("</td><td>")
                    .append(r.placed()).append("</td><td>").append(r.refused()).append(refusalTypes(r.refusedByType()))
                    .append("</td><td>")
                    .append(f == null ? "none" : "request " + f.n() + " (" + esc(f.id()) + ") at " + time(f.t())
                            + ", " + esc(f.type()))
                    .append("</td><td>").append(r.internalErrors()).append("</td><td>")
                    .append(Math.round(r.decisionsPerSecond())).append("</td></tr>\n");
            outcomes.addValue(r.placed(), "placed", r.name());
            outcomes.addValue(r.refused(), "refused", r.name());
        }
        h.append("</table>\n");
        img(h, ChartFactory.createBarChart("Requests placed and refused", "configuration", "requests", outcomes,
                PlotOrientation.VERTICAL, true, false, false), "Requests placed and refused per configuration");
        h.append("</section>\n");

        // Utilisation
        h.append("<section id=\"utilisation\">\n<h2>Final utilisation per pool</h2>\n<table>\n<tr><th>configuration"
                + "</th><th>pools</th><th>mean</th><th>std. deviation</th><th>median</th><th>max</th>"
                + "<th>pools above 90 %</th></tr>\n");
        DefaultCategoryDataset hist = new DefaultCategoryDataset();
        for (ReplaySummary s : runs) {
            h.append("<tr><td>").append(esc(s.result().name())).append("</td><td>").append(s.utilisation().length)
                    .append("</td><td>").append(pct(s.utilisationMean())).append("</td><td>")
                    .append(pct(s.utilisationStddev())).append("</td><td>").append(pct(s.quantile(0.5)))
                    .append("</td><td>").append(pct(s.utilisationMax())).append("</td><td>").append(s.poolsAbove90())
                    .append("</td></tr>\n");
            long[] buckets = s.histogram();
            for (int i = 0; i < buckets.length; i++) {
                hist.addValue(buckets[i], s.result().name(), i == 10 ? "100%+" : (i * 10) + "-" + (i * 10 + 10) + "%");
            }
        }
        h.append("</table>\n<p class=\"note\">Utilisation is used over total capacity as the pools report it, "
                + "counting each placed volume in full: an over-subscribed thin pool passes 100 %.</p>\n");
        img(h, ChartFactory.createBarChart("Pools by final utilisation", "utilisation", "pools", hist,
                PlotOrientation.VERTICAL, true, false, false), "Histogram of the pools' final utilisation");
        h.append("</section>\n");

        // Volumes per backend
        h.append("<section id=\"volumes\">\n<h2>Volumes per backend</h2>\n<p class=\"note\">Volumes the replay "
                + "placed and that were not deleted.</p>\n<table>\n<tr><th>configuration</th>"
                + "<th>backends</th><th>fewest</th><th>median</th><th>most</th></tr>\n");
        XYSeriesCollection vols = new XYSeriesCollection();
        for (ReplaySummary s : runs) {
            long[] counts = s.volumesPerBackend().values().stream().mapToLong(Long::longValue).sorted().toArray();
            h.append("<tr><td>").append(esc(s.result().name())).append("</td><td>").append(counts.length)
                    .append("</td><td>").append(counts.length == 0 ? 0 : counts[0]).append("</td><td>")
                    .append(counts.length == 0 ? 0 : counts[counts.length / 2]).append("</td><td>")
                    .append(counts.length == 0 ? 0 : counts[counts.length - 1]).append("</td></tr>\n");
            XYSeries series = new XYSeries(s.result().name());
            int step = Math.max(1, counts.length / 2000);
            for (int i = 0; i < counts.length; i += step) {
                series.add(i + 1, counts[counts.length - 1 - i]);
            }
            vols.addSeries(series);
        }
        h.append("</table>\n");
        img(h, ChartFactory.createXYLineChart("Volumes per backend, most to fewest", "backends (ranked)", "volumes",
                vols), "Volumes per backend, backends ranked from most to fewest");
        h.append("</section>\n");

        // Stranded
        h.append("<section id=\"stranded\">\n<h2>Stranded capacity</h2>\n<p class=\"note\">Free space left in pools "
                + "whose free space is smaller than the median request: it cannot take a typical volume.</p>\n"
                + "<table>\n<tr><th>configuration</th><th>median request</th><th>stranded pools</th>"
                + "<th>stranded GB</th><th>free GB in the fleet</th><th>stranded share of free</th></tr>\n");
        DefaultCategoryDataset stranded = new DefaultCategoryDataset();
        for (ReplaySummary s : runs) {
            h.append("<tr><td>").append(esc(s.result().name())).append("</td><td>")
                    .append(num(s.result().medianRequestGb())).append(" GB</td><td>").append(s.strandedPools())
                    .append("</td><td>").append(num(s.strandedGb())).append("</td><td>").append(num(s.freeGb()))
                    .append("</td><td>").append(pct(s.freeGb() > 0 ? s.strandedGb() / s.freeGb() : 0))
                    .append("</td></tr>\n");
            stranded.addValue(s.strandedGb(), "stranded GB", s.result().name());
        }
        h.append("</table>\n");
        img(h, ChartFactory.createBarChart("Stranded capacity", "configuration", "GB", stranded,
                PlotOrientation.VERTICAL, false, false, false), "Stranded capacity per configuration");
        h.append("</section>\n");

        // Refusals over time
        h.append("<section id=\"refusals-over-time\">\n<h2>Refusals over time</h2>\n");
        XYSeriesCollection refusals = new XYSeriesCollection();
        for (ReplaySummary s : runs) {
            XYSeries series = new XYSeries(s.result().name());
            long sum = 0;
            series.add(0, 0);
            for (ReplayResult.Sample smp : s.result().samples()) {
                sum += smp.refused();
                series.add(smp.t() / 3600, sum);
            }
            refusals.addSeries(series);
        }
        img(h, ChartFactory.createXYLineChart("Requests refused so far", "simulated hours", "refused requests",
                refusals), "Cumulative refusals over simulated time");
        h.append("</section>\n");

        // Busiest pools
        h.append("<section id=\"busiest-pools\">\n<h2>Utilisation over time of the busiest pools</h2>\n"
                + "<p class=\"note\">The ").append(BUSIEST).append(" pools with the highest final utilisation under "
                + "each configuration, and the mean of all pools.</p>\n");
        for (ReplaySummary s : runs) {
            XYSeriesCollection busy = new XYSeriesCollection();
            for (int idx : s.busiestPools(BUSIEST)) {
                XYSeries series = new XYSeries(s.result().pools().get(idx).name());
                for (ReplayResult.Sample smp : s.result().samples()) {
                    if (idx < smp.utilisation().length && Float.isFinite(smp.utilisation()[idx])) {
                        series.add(smp.t() / 3600, 100.0 * smp.utilisation()[idx]);
                    }
                }
                busy.addSeries(series);
            }
            XYSeries mean = new XYSeries("mean of all pools");
            for (ReplayResult.Sample smp : s.result().samples()) {
                double sum = 0;
                int n = 0;
                for (float u : smp.utilisation()) {
                    if (Float.isFinite(u)) {
                        sum += u;
                        n++;
                    }
                }
                mean.add(smp.t() / 3600, n == 0 ? 0 : 100.0 * sum / n);
            }
            busy.addSeries(mean);
            JFreeChart chart = ChartFactory.createXYLineChart(s.result().name() + ": busiest pools", "simulated hours",
                    "utilisation (%)", busy);
            XYPlot plot = chart.getXYPlot();
            plot.getRenderer().setSeriesStroke(busy.getSeriesCount() - 1, new BasicStroke(2.5f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            plot.getRenderer().setSeriesPaint(busy.getSeriesCount() - 1, Color.DARK_GRAY);
            img(h, chart, "Utilisation over time of the busiest pools under " + s.result().name());
        }
        h.append("</section>\n");

        // Placed differently
        h.append("<section id=\"placed-differently\">\n<h2>Requests placed differently</h2>\n");
        if (diffs.isEmpty()) {
            h.append("<p>One configuration: nothing to compare.</p>\n");
        }
        for (DecisionDiff d : diffs) {
            h.append("<h3>").append(esc(d.b())).append(" against ").append(esc(d.a())).append("</h3>\n<p>")
                    .append(d.differing()).append(" of ").append(d.compared()).append(" requests (")
                    .append(pct(d.compared() == 0 ? 0 : (double) d.differing() / d.compared()))
                    .append(") were decided differently.");
            if (!d.examples().isEmpty()) {
                h.append(" The first ").append(d.examples().size()).append(":</p>\n<table>\n<tr><th>request</th>"
                        + "<th>time</th><th>volume</th><th>size</th><th>").append(esc(d.a())).append("</th><th>")
                        .append(esc(d.b())).append("</th></tr>\n");
                for (DecisionDiff.Example e : d.examples()) {
                    h.append("<tr><td>").append(e.n()).append("</td><td>").append(time(e.t())).append("</td><td>")
                            .append(esc(e.id())).append("</td><td>").append(e.size()).append(" GB</td><td>")
                            .append(esc(e.outcomeA())).append("</td><td>").append(esc(e.outcomeB()))
                            .append("</td></tr>\n");
                }
                h.append("</table>\n");
            } else {
                h.append("</p>\n");
            }
        }
        h.append("</section>\n</body>\n</html>\n");
        try {
            Files.writeString(file, h, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the report: " + e.getMessage(), e);
        }
    }

    private static String refusalTypes(Map<String, Long> byType) {
        if (byType.isEmpty() || byType.size() == 1 && byType.containsKey("NoValidBackend")) {
            return "";
        }
        StringBuilder b = new StringBuilder(" (");
        byType.forEach((k, v) -> b.append(b.length() > 2 ? ", " : "").append(esc(k)).append(' ').append(v));
        return b.append(')').toString();
    }

    private static void img(StringBuilder h, JFreeChart chart, String alt) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
        } else if (chart.getPlot() instanceof org.jfree.chart.plot.CategoryPlot cat) {
            cat.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        BufferedImage image = chart.createBufferedImage(900, 420);
        byte[] png;
        try {
            png = ChartUtils.encodeAsPNG(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        h.append("<img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
    }

    private static String time(double t) {
        long s = (long) t;
        return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * x);
    }

    private static String num(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : String.format(Locale.ROOT, "%.1f", x);
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
