package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
}
