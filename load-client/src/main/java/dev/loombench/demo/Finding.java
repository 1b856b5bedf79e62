package dev.loombench.demo;

import java.util.List;
import java.util.Map;

/**
 * What a scenario found: its section of the demo README and the data behind it.
 *
 * @param headline one line for the progress output, with the key figure
 * @param charts   chart files written into the demo directory, in the order they are shown
 * @param text     the explanation, Markdown, every figure in it measured (and a sentence saying so
 *                 when the measurement did not show the expected effect)
 * @param shown    whether the measurement showed the effect the scenario is about
 * @param data     the figures and series behind the chart and the text, written to {@code <id>.json}
 */
public record Finding(String headline, List<String> charts, String text, boolean shown, Map<String, Object> data) {}
