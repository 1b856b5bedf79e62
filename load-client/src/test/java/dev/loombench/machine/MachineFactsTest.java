package dev.loombench.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MachineFactsTest {

    @Test
    void describesTheJdkTheCoresAndTheCommandLine() {
        Map<String, Object> facts = MachineFacts.describe(List.of("run", "--impl", "nio"));

        assertEquals(Runtime.version().toString(), facts.get("java"));
        assertEquals(Runtime.getRuntime().availableProcessors(), facts.get("cores"));
        assertEquals(List.of("run", "--impl", "nio"), facts.get("commandLine"));
        assertTrue(facts.keySet().containsAll(List.of("os", "memoryBytes", "host", "clientJvmArgs")), facts::toString);
    }

    @Test
    void tellsWhatEachShellCommandPrintedInOneFixedOrder() {
        Map<String, String> facts = MachineFacts.commands();

        assertEquals(List.of("nproc --all", "free -h", "java -version", "uname -a", "date -u", "uptime"), List.copyOf(facts.keySet()));
        assertTrue(facts.get("nproc --all").matches("[1-9]\\d*"), () -> "nproc --all as printed: " + facts.get("nproc --all"));
        // the machine's processors, not the pinned set's: never fewer than this JVM may use
        assertTrue(Integer.parseInt(facts.get("nproc --all")) >= Runtime.getRuntime().availableProcessors(), facts::toString);
        assertTrue(facts.get("java -version").contains(Integer.toString(Runtime.version().feature())), facts.get("java -version"));
    }

    @Test
    void aMissingCommandBecomesANoteNotAnError() {
        String text = MachineFacts.run(List.of("loombench-no-such-command"));

        assertTrue(text.startsWith("(not available: "), text);
    }
}
