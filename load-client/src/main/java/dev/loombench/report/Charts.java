package dev.loombench.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The look shared by every loombench chart: size, fonts, white background, and one colour per
 * server model (Okabe-Ito palette, readable by colour-blind readers) so that "pool" is the same
 * blue in a run's charts, in {@code bench compare} and in {@code bench sweep}.
 *
 * <p>Charts are drawn off-screen; this class sets {@code java.awt.headless=true} before AWT loads.
 */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;

    private static final Map<String, Color> MODEL_COLORS = Map.of(
            "single", new Color(0xD55E00),   // vermillion
            "thread", new Color(0xE69F00),   // orange
            "pool", new Color(0x0072B2),     // blue
            "virtual", new Color(0x009E73),  // bluish green
            "nio", new Color(0xCC79A7),      // reddish purple
            "netty", new Color(0x56B4E9),    // sky blue
            "async", new Color(0x9A8700));   // Okabe-Ito's yellow, darkened to read on white
    private static final Color OTHER = new Color(0x222222);
    /** Connect latency: a light grey, drawn dotted, that no model colour is confused with. */
    public static final Color CONNECT_COLOR = new Color(0x8C8C8C);
    /** Errors are drawn in red-brown, away from every model colour. */
    public static final Color ERROR_COLOR = new Color(0xA0302A);

    private Charts() {}

    /** The colour of a server model ({@code single, thread, pool, virtual, nio, netty, async}); near-black for anything else (target). */
    public static Color colorFor(String impl) {
        return MODEL_COLORS.getOrDefault(impl == null ? "" : impl.toLowerCase(Locale.ROOT), OTHER);
    }

    /** True if {@code impl} has a colour of its own, not the near-black of unknown servers. */
    public static boolean hasOwnColor(String impl) {
        return impl != null && MODEL_COLORS.containsKey(impl.toLowerCase(Locale.ROOT));
    }

    /** The {@code n}-th variant (0 = the colour itself) of a colour, alternately darker and lighter. */
    public static Color variant(Color c, int n) {
        if (n == 0) return c;
        float[] hsb = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
        float step = 0.22f * ((n + 1) / 2);
        float brightness = n % 2 == 1 ? hsb[2] - step : hsb[2];
        float saturation = n % 2 == 1 ? hsb[1] : Math.max(0.15f, hsb[1] - step);
        return Color.getHSBColor(hsb[0], saturation, Math.max(0.15f, brightness));
    }

    public static XYChart xy(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChart(width, height);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(0);
        return chart;
    }

    public static CategoryChart bars(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        style(chart.getStyler());
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setAvailableSpaceFill(0.85);
        return chart;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.GRAY);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendPosition(LegendPosition.InsideNW);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setAntiAlias(true);
        if (s instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            axes.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            axes.setPlotGridLinesColor(new Color(0xE0E0E0));
            axes.setChartTitleBoxVisible(false);
        }
    }

    /** Writes one chart as PNG. */
    public static void writePng(Chart<?, ?> chart, Path file) throws IOException {
        writePng(BitmapEncoder.getBufferedImage(chart), file);
    }

    /** Stacks charts vertically into one PNG; {@code heights[i]} is the height of {@code charts[i]}. */
    public static void writeStacked(Path file, int width, int[] heights, Chart<?, ?>... charts) throws IOException {
        int total = 0;
        for (int h : heights) total += h;
        BufferedImage image = new BufferedImage(width, total, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int y = 0;
            for (int i = 0; i < charts.length; i++) {
                Graphics2D panel = (Graphics2D) g.create(0, y, width, heights[i]);
                charts[i].paint(panel, width, heights[i]);
                panel.dispose();
                y += heights[i];
            }
        } finally {
            g.dispose();
        }
        writePng(image, file);
    }

    /** Writes an image as PNG. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer for " + file);
    }
}
