package dev.loombench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's index.html: it shows every chart, table and file of its directory, escapes text, and renders in Chromium. */
class RunReportTest {

    /** Screenshots are kept here for people to look at. */
    static final Path SCREENSHOTS = Path.of("target", "html-screenshots");

    @TempDir
    Path tmp;

    @Test
    void aRunsPageShowsItsChartsItsFiguresAndLinksEveryFile() throws Exception {
        Path dir = ResultWriter.write(TestRuns.run().impl("virtual").build(), tmp.resolve("runs"));
        Document page = HtmlChecks.assertShowsEverything(dir);
        List<List<String>> cells = HtmlChecks.cells(page);
        assertTrue(cells.contains(List.of("verified requests/s", "1,000")), cells::toString);
        assertTrue(cells.contains(List.of("clients served", "4/4")), cells::toString);
        assertEquals("virtual / echo / 4 clients", page.title());
        assertTrue(page.text().contains("\"poolSize\" : 2"), "the configuration is on the page");
    }

    @Test
    void aUdpRunsPageShowsWhatBecameOfItsDatagrams() throws Exception {
        Path dir = ResultWriter.write(TestRuns.run().impl("nio").udp().build(), tmp.resolve("runs"));
        Document page = HtmlChecks.assertShowsEverything(dir);
        assertEquals("nio / echo over udp / 4 clients", page.title());
        List<List<String>> cells = HtmlChecks.cells(page);
        assertTrue(cells.stream().anyMatch(row -> row.getFirst().equals("datagrams") && row.get(1).contains("lost 50 (0.99 %)")),
                cells::toString);
        assertTrue(cells.stream().anyMatch(row -> row.getFirst().equals("datagrams dropped")
                && row.get(1).contains("at the server's socket 35")), cells::toString);
    }

    @Test
    void textIsEscapedNotInterpreted() throws Exception {
        new HtmlReport("<script>alert(1)</script> & co").paragraph("a < b").table("t", new Table("x").row("<b>")).write(tmp);
        Document page = Jsoup.parse(tmp.resolve(HtmlReport.FILE).toFile());
        assertTrue(page.select("script, b").isEmpty(), page::html);
        assertEquals("<script>alert(1)</script> & co", page.title());
        assertTrue(page.text().contains("a < b"));
    }

    @Test
    void aRunsPageRendersInHeadlessChromiumWithItsCharts() throws Exception {
        Chromium.require();
        Path dir = ResultWriter.write(TestRuns.run().impl("pool").build(), tmp.resolve("runs"));
        Path png = tmp.resolve("run.png");
        Chromium.screenshot(dir.resolve(HtmlReport.FILE), png, 1280, 2400, tmp);
        Files.createDirectories(SCREENSHOTS);
        Files.copy(png, SCREENSHOTS.resolve("run.png"), StandardCopyOption.REPLACE_EXISTING);
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(1280, shot.getWidth());
        // the page's own styles are grey and black with pale green/orange boxes; strongly coloured
        // pixels come from the charts, so they show the images were found and drawn
        assertTrue(saturatedPixels(shot) > 1_500, "no chart drawn in the screenshot (see " + SCREENSHOTS + "/run.png)");

        Document dom = Jsoup.parse(Chromium.dumpDom(dir.resolve(HtmlReport.FILE), tmp));
        assertEquals(2, dom.select("img").size());
        assertFalse(dom.select("table td").isEmpty());
    }

    static int saturatedPixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                float[] hsb = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
                if (hsb[1] > 0.5 && hsb[2] > 0.3) n++;
            }
        }
        return n;
    }
}
