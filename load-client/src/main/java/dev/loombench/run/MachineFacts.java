package dev.loombench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The machine facts a committed reference result carries: {@code nproc}, {@code free -h},
 * {@code java -version} (the JDK running loombench), {@code uname -a}, {@code date -u} and {@code uptime} (the load average at the end), each
 * as the command printed it. A command that is missing or hangs (5 s) yields a one-line note instead.
 */
public final class MachineFacts {

    private MachineFacts() {}

    /** Command as typed → what it printed (stdout and stderr). */
    public static Map<String, String> collect() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("nproc", run(List.of("nproc")));
        facts.put("free -h", run(List.of("free", "-h")));
        facts.put("java -version", run(List.of(java, "-version")));
        facts.put("uname -a", run(List.of("uname", "-a")));
        facts.put("date -u", run(List.of("date", "-u")));
        facts.put("uptime", run(List.of("uptime"))); // the load average: how busy the machine was with other work
        return facts;
    }

    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "(no answer within 5 s)";
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(not available: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
