package dev.loombench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a directory's {@code index.html} as a browser's parser would (jsoup) and checks that it
 * shows everything the directory holds: every chart as an image, every other file and
 * subdirectory as a link, every reference relative and pointing at something that exists.
 */
public final class HtmlChecks {

    private HtmlChecks() {}

    /** Asserts the page shows every chart and links every file of {@code dir}; returns the parsed page. */
    public static Document assertShowsEverything(Path dir) throws IOException {
        Path index = dir.resolve(HtmlReport.FILE);
        assertTrue(Files.isRegularFile(index), "no " + index);
        Document page = Jsoup.parse(index.toFile());
        Set<String> images = page.select("img").stream().map(e -> e.attr("src")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> links = page.select("a").stream().map(e -> e.attr("href")).collect(Collectors.toCollection(TreeSet::new));
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> !p.getFileName().toString().equals(HtmlReport.FILE)).sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(".png")) {
                assertTrue(images.contains(name), () -> "chart " + name + " is not on the page; images: " + images);
            } else {
                assertTrue(links.stream().anyMatch(h -> h.equals(name) || h.startsWith(name + "/")),
                        () -> name + " is not linked from the page; links: " + links);
            }
        }
        for (String src : images) {
            assertFalse(src.contains(":") || src.startsWith("/"), "not relative: " + src);
            assertTrue(Files.isRegularFile(dir.resolve(src)), "image " + src + " does not exist");
        }
        for (String href : links) {
            if (href.startsWith("#")) continue;
            assertFalse(href.contains(":") || href.startsWith("/"), "not relative: " + href);
            assertTrue(Files.exists(dir.resolve(href)), "link " + href + " points at nothing");
        }
        assertFalse(page.select("table").isEmpty(), "no table on the page");
        assertTrue(page.select("script").isEmpty(), "no script expected");
        return page;
    }

    /** The texts of the cells of the page's tables, row by row, header rows included. */
    public static List<List<String>> cells(Document page) {
        return page.select("tr").stream().map(tr -> tr.select("th, td").stream().map(Element::text).toList()).toList();
    }

    /** The number of tables, for pages that should hold a given count. */
    public static void assertTables(Document page, int count) {
        assertEquals(count, page.select("table").size(), () -> "tables: " + page.select("caption").eachText());
    }
}
