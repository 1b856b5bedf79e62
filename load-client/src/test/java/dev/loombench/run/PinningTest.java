package dev.loombench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PinningTest {

    private static CpuSet cpus(String list) {
        return CpuSet.parse(list);
    }

    @Test
    void byDefaultTheServerTakesTheFirstCpusAndTheClientTheLastOnes() {
        Pinning two = Pinning.forChildServer(cpus("0-1"), null, null);
        assertEquals(cpus("0"), two.server());
        assertEquals(cpus("1"), two.client());
        assertFalse(two.shared());

        Pinning three = Pinning.forChildServer(cpus("0-2"), null, null);
        assertEquals(cpus("0-1"), three.server(), "an odd count: the larger half to the server");
        assertEquals(cpus("2"), three.client());

        Pinning allowedElsewhere = Pinning.forChildServer(cpus("4-7"), null, null);
        assertEquals(cpus("4-5"), allowedElsewhere.server());
        assertEquals(cpus("6-7"), allowedElsewhere.client());
        assertEquals("client CPU 6-7, server CPU 4-5", allowedElsewhere.describe());
    }

    @Test
    void oneSideGivenLeavesTheOtherTheRemainingCpus() {
        Pinning client0 = Pinning.forChildServer(cpus("0-3"), cpus("0"), null);
        assertEquals(cpus("1-3"), client0.server());
        assertFalse(client0.shared());

        Pinning server3 = Pinning.forChildServer(cpus("0-3"), null, cpus("3"));
        assertEquals(cpus("0-2"), server3.client());

        Pinning everything = Pinning.forChildServer(cpus("0-1"), cpus("0-1"), null);
        assertEquals(cpus("0-1"), everything.server(), "nothing left: the server shares the client's CPUs");
        assertTrue(everything.shared());
    }

    @Test
    void oneCpuIsSharedAndSaysSo() {
        Pinning one = Pinning.forChildServer(cpus("0"), null, null);
        assertNull(one.client());
        assertNull(one.server());
        assertTrue(one.describe().contains("client and server share it"), one.describe());
    }

    @Test
    void aSetOutsideTheAllowedCpusIsRefusedWithThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pinning.forChildServer(cpus("0-1"), cpus("2"), null));
        assertEquals("--client-cpus 2 is outside the CPUs this process may use (0-1)", e.getMessage());
    }

    @Test
    void halvesSplitInOrderWithTheLargerHalfFirst() {
        assertEquals(List.of(cpus("0"), cpus("1")), cpus("0-1").halves());
        assertEquals(List.of(cpus("1,3"), cpus("5")), cpus("1,3,5").halves());
        assertEquals(cpus("1"), cpus("0-1").without(cpus("0")));
        assertNull(cpus("0").without(cpus("0")));
    }
}
