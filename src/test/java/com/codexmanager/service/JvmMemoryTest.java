package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** On the test's own JVM: the heap ratios follow the mode and come back to the JVM's own. */
class JvmMemoryTest {
    @Test
    void a_quiet_service_gets_tight_heap_ratios_and_a_busy_one_the_jvms_own() {
        JvmMemory memory = JvmMemory.forThisJvm().orElseThrow();
        assumeTrue(memory.ratiosAreOurs(), "the ratios were set on this JVM's command line");
        String ownMin = memory.value("MinHeapFreeRatio");
        String ownMax = memory.value("MaxHeapFreeRatio");
        try {
            memory.apply(HeapRatioPolicy.Mode.QUIET);
            assertThat(memory.value("MinHeapFreeRatio")).isEqualTo(Integer.toString(JvmMemory.MIN_FREE_PERCENT));
            assertThat(memory.value("MaxHeapFreeRatio")).isEqualTo(Integer.toString(JvmMemory.MAX_FREE_PERCENT));

            memory.apply(HeapRatioPolicy.Mode.BUSY);
            assertThat(memory.value("MinHeapFreeRatio")).isEqualTo(ownMin);
            assertThat(memory.value("MaxHeapFreeRatio")).isEqualTo(ownMax);
        } finally {
            memory.apply(HeapRatioPolicy.Mode.BUSY);
        }
    }
}
