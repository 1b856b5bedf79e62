package dev.loombench.client;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The facts that make a result reproducible: JDK, OS, cores, memory, host, command line. */
public final class Environment {

    private Environment() {}

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

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
