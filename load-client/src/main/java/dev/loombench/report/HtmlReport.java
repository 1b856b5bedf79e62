package dev.loombench.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A result directory's {@code index.html}: one self-contained page with its charts (referenced
 * relatively, so the directory can be copied or attached as a CI artifact), its tables with their
 * spread, the configuration and machine facts, and links to every raw file. Plain HTML and CSS,
 * no script. Every run, {@code --repeat} set, comparison, sweep and demo writes one.
 *
 * <p>Usage: {@code new HtmlReport("pool / echo / 500 clients").paragraph("...").table(t).image("latency.png",
 * "latency by percentile").filesOf(dir).write(dir);} Blocks appear in the order they are added;
 * {@link #filesOf} lists what is left: every file of the directory that the page shows nowhere
 * else, so none is ever missing. Text is HTML-escaped by the template engine (Mustache). Not
 * thread-safe; {@link #write} may be called once per directory.
 */
public final class HtmlReport {

    public static final String FILE = "index.html";

    private static final Mustache TEMPLATE = new DefaultMustacheFactory("dev/loombench/report/").compile("index.html.mustache");

    // One block of the page: exactly one of its parts is set (the template shows the parts that are).
    record Heading(String text, String anchor) {}
    record Image(String file, String alt) {}
    record Pre(String caption, String text) {}
    record Link(String href, String text, String note) {}
    record Links(List<Link> items) {}
    record TableBlock(String caption, List<String> header, List<Table.Row> rows, List<String> notes) {}
    record Block(Heading heading, String paragraph, String note, String noisy, String quiet, TableBlock table,
                 Image image, Pre pre, Links links, String html) {
        Block(Heading heading, String paragraph, String note, String noisy, String quiet, TableBlock table, Image image,
              Pre pre, Links links) {
            this(heading, paragraph, note, noisy, quiet, table, image, pre, links, null);
        }
    }

    private static final List<org.commonmark.Extension> MARKDOWN = List.of(org.commonmark.ext.gfm.tables.TablesExtension.create());

    private final String title;
    private String subtitle;
    private final List<Block> blocks = new ArrayList<>();
    private final Set<String> shown = new HashSet<>();

    public HtmlReport(String title) {
        this.title = title;
    }

    /** A line under the title (what was run, when). */
    public HtmlReport subtitle(String text) {
        this.subtitle = text;
        return this;
    }

    public HtmlReport heading(String text) {
        return add(new Block(new Heading(text, text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")), null, null,
                null, null, null, null, null, null));
    }

    public HtmlReport paragraph(String text) {
        return add(new Block(null, text, null, null, null, null, null, null, null));
    }

    /** A paragraph in small grey type. */
    public HtmlReport note(String text) {
        return add(new Block(null, null, text, null, null, null, null, null, null));
    }

    /** A verdict on the machine's noise: highlighted as a warning when {@code noisy}, in green otherwise. */
    public HtmlReport noise(String text, boolean noisy) {
        return add(new Block(null, null, null, noisy ? text : null, noisy ? null : text, null, null, null, null));
    }

    public HtmlReport table(String caption, Table t) {
        for (Table.Row r : t.rows()) r.cells().forEach(c -> markShown(c.href()));
        return add(new Block(null, null, null, null, null, new TableBlock(caption, t.header(), t.rows(), t.notes()),
                null, null, null));
    }

    /** A chart, by its file name relative to the page; a file that does not exist is left out. */
    public HtmlReport image(Path dir, String file, String alt) {
        if (!Files.isRegularFile(dir.resolve(file))) return this;
        markShown(file);
        return add(new Block(null, null, null, null, null, null, new Image(file, alt), null, null));
    }

    /** Preformatted text: a command line, a configuration as JSON, machine facts. */
    public HtmlReport pre(String caption, String text) {
        return add(new Block(null, null, null, null, null, null, null, new Pre(caption, text), null));
    }

    /** An object as pretty JSON, preformatted. */
    public HtmlReport json(String caption, Object value) {
        try {
            return pre(caption, Json.PRETTY.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Links to files or directories, relative to the page: name → what it is (may be null). */
    public HtmlReport links(Map<String, String> files) {
        List<Link> items = new ArrayList<>();
        files.forEach((file, note) -> {
            markShown(file);
            items.add(new Link(file, file, note));
        });
        return items.isEmpty() ? this : add(new Block(null, null, null, null, null, null, null, null, new Links(items)));
    }

    /**
     * A "Files" section linking every file and subdirectory of {@code dir} that the page has not
     * shown or linked yet (charts not placed in the page are shown here as images), sorted by name.
     */
    public HtmlReport filesOf(Path dir) throws IOException {
        List<Path> rest;
        try (Stream<Path> all = Files.list(dir)) {
            rest = all.filter(p -> !shown.contains(p.getFileName().toString()) && !p.getFileName().toString().equals(FILE))
                    .sorted().toList();
        }
        for (Path p : rest) {
            String name = p.getFileName().toString();
            if (name.endsWith(".png")) image(dir, name, name);
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (Path p : rest) {
            String name = p.getFileName().toString();
            if (name.endsWith(".png")) continue;
            files.put(Files.isDirectory(p) ? name + "/" : name, null);
        }
        heading("Files");
        if (files.isEmpty()) return note("Every file of this directory is shown above.");
        return links(files);
    }

    /**
     * A Markdown document (a generated README) as HTML, tables included; raw HTML in it is escaped,
     * not passed through. Its images and links count as shown.
     */
    public HtmlReport markdown(String text) {
        org.commonmark.node.Node doc = org.commonmark.parser.Parser.builder().extensions(MARKDOWN).build().parse(text);
        doc.accept(new org.commonmark.node.AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Image image) {
                markShown(image.getDestination());
            }

            @Override
            public void visit(org.commonmark.node.Link link) {
                markShown(link.getDestination());
                visitChildren(link);
            }
        });
        String html = org.commonmark.renderer.html.HtmlRenderer.builder().extensions(MARKDOWN).escapeHtml(true).build().render(doc);
        return add(new Block(null, null, null, null, null, null, null, null, null, html));
    }

    /** Writes {@code dir/index.html} and returns it. */
    public Path write(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("title", title);
        scope.put("subtitle", subtitle);
        scope.put("blocks", blocks);
        scope.put("createdAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            TEMPLATE.execute(w, scope);
        }
        return file;
    }

    private void markShown(String href) {
        if (href == null) return;
        String first = href.split("/")[0];
        shown.add(first);
        shown.add(href);
    }

    private HtmlReport add(Block b) {
        blocks.add(b);
        return this;
    }
}
