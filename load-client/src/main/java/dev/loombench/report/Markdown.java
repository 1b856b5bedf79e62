package dev.loombench.report;

import java.util.Map;

/** Pieces of the generated READMEs ({@code bench sweep}, {@code bench demo}, {@code bench faults}). */
public final class Markdown {

    private Markdown() {}

    /** A "Machine" section: each command as typed, then what it printed, in one code block. */
    public static String machine(Map<String, String> facts) {
        StringBuilder b = new StringBuilder("## Machine\n\n```\n");
        facts.forEach((command, output) -> b.append("$ ").append(command).append('\n').append(output.strip()).append('\n'));
        return b.append("```\n").toString();
    }
}
