package dev.loombench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CpuSetTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theListFormComesBackWithRangesCollapsed() {
        assertEquals("0-3,6", CpuSet.parse("0,1,2,3,6").toString());
        assertEquals("1,3,5-7", CpuSet.parse(" 1, 3 ,5-7").toString());
    }

    @Test
    void aPinningIsWrittenAsTasksetListsAndReadBack() throws Exception {
        Pinning pinning = new Pinning(CpuSet.parse("0"), CpuSet.parse("1-3"), "");

        String written = json.writeValueAsString(pinning);

        // check.json once held {"cpus":{"empty":false}} here: the BitSet written as a bean
        assertEquals("{\"client\":\"0\",\"server\":\"1-3\",\"note\":\"\"}", written);
        assertEquals(pinning, json.readValue(written, Pinning.class));
    }
}
