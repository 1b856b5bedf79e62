package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessResourcesTest {

    @Test
    void parsesStatusAndStatEvenWithAnAwkwardCommandName() {
        String status = "Name:\tjava\nVmRSS:\t  204800 kB\nThreads:\t37\n";
        String stat = "4242 (odd (name) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 37 0 1000 0 0\n";
        ResourceSample s = ProcessResources.parse(status, stat);
        assertEquals(37, s.threads());
        assertEquals(204800L * 1024, s.rssBytes());
        assertEquals((250 + 75) * 10_000_000L, s.cpuNanos());
    }

    @Test
    void samplesALiveProcessAndNullForAGoneOne() {
        ResourceSample self = ProcessResources.sample(ProcessHandle.current().pid());
        assertNotNull(self);
        assertTrue(self.threads() > 1 && self.rssBytes() > 0 && self.cpuNanos() > 0, self.toString());
        assertNull(ProcessResources.sample(Long.MAX_VALUE));
    }

    @Test
    void readsEachThreadsNanosecondsOnlyWhenTheProcessHasFewThreads(@TempDir Path proc) throws IOException {
        for (String tid : new String[] {"7", "8"}) {
            Files.createDirectories(proc.resolve("task").resolve(tid));
            Files.writeString(proc.resolve("task").resolve(tid).resolve("schedstat"), "1500000000 20 30\n");
        }
        ResourceSample fromTicks = new ResourceSample(2, 1, 1, 2_000_000_000L); // 200 ticks: less than the threads' 3 s
        assertEquals(3_000_000_000L, ProcessResources.withTaskNanos(proc, fromTicks).cpuNanos());

        ResourceSample many = new ResourceSample(ProcessResources.TASKS_READ_UP_TO + 1, 1, 1, 2_000_000_000L);
        assertEquals(2_000_000_000L, ProcessResources.withTaskNanos(proc, many).cpuNanos(), "above the limit: stat's ticks only");
    }
}
