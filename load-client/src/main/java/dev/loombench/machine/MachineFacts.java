package dev.loombench.machine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What is known about the machine a result was made on, collected in one place for every result
 * file and generated README: {@link #describe} gives the JVM's own view (JDK, OS, cores, memory,
 * host), {@link #commands} what the usual shell commands print. Stateless and thread-safe; it
 * depends on nothing else in loombench, so every package can use it.
 */
public final class MachineFacts {

    /** How long a shell command may take before it is given up on (a hung NFS mount, a missing binary's shell). */
    private static final long COMMAND_TIMEOUT_SECONDS = 5;

    private MachineFacts() {}

    /**
     * The facts that make a result reproducible, as the JVM sees them: JDK, OS, cores, memory,
     * host, this JVM's own options, and {@code commandLine} as given. Fast (no process started).
     */
    public static Map<String, Object> describe(List<String> commandLine) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("java", Runtime.version().toString());
        env.put("javaVendor", System.getProperty("java.vendor"));
        env.put("javaVm", System.getProperty("java.vm.name"));
        env.put("javaHome", System.getProperty("java.home"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("cores", Runtime.getRuntime().availableProcessors());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            env.put("memoryBytes", os.getTotalMemorySize());
        }
        env.put("clientMaxHeapBytes", Runtime.getRuntime().maxMemory());
        env.put("clientJvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
        env.put("host", hostName());
        env.put("commandLine", commandLine);
        return env;
    }

    /**
     * Command as typed → what it printed (stdout and stderr, stripped): {@code nproc --all} (the machine's
     * processors: plain {@code nproc} would count only the CPUs this process is pinned to), {@code free -h},
     * {@code java -version} (the JDK running loombench), {@code uname -a}, {@code date -u} and
     * {@code uptime} (the load average: how busy the machine was with other work). A command that is
     * missing or gives no answer within 5 s yields a one-line note in parentheses instead; never throws.
     */
    public static Map<String, String> commands() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("nproc --all", run(List.of("nproc", "--all")));
        facts.put("free -h", run(List.of("free", "-h")));
        facts.put("java -version", run(List.of(java, "-version")));
        facts.put("uname -a", run(List.of("uname", "-a")));
        facts.put("date -u", run(List.of("date", "-u")));
        facts.put("uptime", run(List.of("uptime")));
        return facts;
    }

    /** What {@code command} printed, or a note in parentheses when it could not be run or did not end. */
    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "(no answer within " + COMMAND_TIMEOUT_SECONDS + " s)";
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(not available: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
