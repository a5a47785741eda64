package com.codexmanager.service;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the JVM give memory back when the service goes quiet. By default G1 keeps a heap it grew under load
 * committed for good (RSS stayed at 507 MiB after a burst, idle). These flags are "manageable", so they can be set
 * from inside the process — which is what lets {@code java -jar codexmanager.jar} get them without a launcher:
 * a periodic collection after {@value #IDLE_GC_MILLIS} ms without one, and a heap shrunk to at most
 * {@value #MAX_FREE_PERCENT} % free space after each collection. A flag the user set on the command line is left
 * alone. Stateless.
 */
public final class JvmMemory {
    private static final Logger log = LoggerFactory.getLogger(JvmMemory.class);
    static final int IDLE_GC_MILLIS = 15_000;
    static final int MIN_FREE_PERCENT = 10;
    static final int MAX_FREE_PERCENT = 30;

    private JvmMemory() {
    }

    /** Applies the settings on a short-lived thread: loading the management beans takes ~30 ms of startup. */
    public static void releaseWhenIdleInBackground() {
        Thread thread = new Thread(JvmMemory::releaseWhenIdle, "jvm-memory-flags");
        thread.setDaemon(true);
        thread.start();
    }

    /** Applies the idle-memory settings; returns what was changed (flag to value). */
    public static Map<String, String> releaseWhenIdle() {
        Map<String, String> changed = new LinkedHashMap<>();
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotspot == null) {
            return changed;
        }
        // Min before Max: the JVM refuses a MaxHeapFreeRatio below the current MinHeapFreeRatio
        set(hotspot, "MinHeapFreeRatio", Integer.toString(MIN_FREE_PERCENT), changed);
        set(hotspot, "MaxHeapFreeRatio", Integer.toString(MAX_FREE_PERCENT), changed);
        if (flag(hotspot, "UseG1GC").map(o -> o.getValue().equals("true")).orElse(false)) {
            set(hotspot, "G1PeriodicGCInterval", Integer.toString(IDLE_GC_MILLIS), changed);
        }
        log.debug("JVM memory flags set: {}", changed);
        return changed;
    }

    private static void set(HotSpotDiagnosticMXBean hotspot, String name, String value, Map<String, String> changed) {
        flag(hotspot, name).ifPresent(option -> {
            if (option.isWriteable() && option.getOrigin() != VMOption.Origin.VM_CREATION
                    && option.getOrigin() != VMOption.Origin.ENVIRON_VAR
                    && option.getOrigin() != VMOption.Origin.CONFIG_FILE) {
                try {
                    hotspot.setVMOption(name, value);
                    changed.put(name, value);
                } catch (IllegalArgumentException e) {
                    log.debug("JVM flag {} not set: {}", name, e.getMessage());
                }
            }
        });
    }

    private static java.util.Optional<VMOption> flag(HotSpotDiagnosticMXBean hotspot, String name) {
        try {
            return java.util.Optional.of(hotspot.getVMOption(name));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
