package com.codexmanager.service;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the JVM give memory back when the service goes quiet. By default G1 keeps a heap it grew under load
 * committed for good (RSS stayed at 507 MiB after a burst, idle). These flags are "manageable", so they can be set
 * from inside the process — which is what lets {@code java -jar codexmanager.jar} get them without a launcher:
 * a periodic collection after {@value #IDLE_GC_MILLIS} ms without one, and, once the service has gone quiet
 * ({@link HeapRatioPolicy}), a heap shrunk to at most {@value #MAX_FREE_PERCENT} % free space at each collection.
 * While it is busy the JVM's own ratios apply, so a burst is not served from a heap shrunk to its live data. Flags
 * the user set on the command line are left alone. Used by one thread.
 */
public final class JvmMemory {
    private static final Logger log = LoggerFactory.getLogger(JvmMemory.class);
    static final int IDLE_GC_MILLIS = 15_000;
    static final int MIN_FREE_PERCENT = 10;
    static final int MAX_FREE_PERCENT = 30;
    static final Duration TICK = Duration.ofSeconds(5);
    private static final String MIN = "MinHeapFreeRatio";
    private static final String MAX = "MaxHeapFreeRatio";
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private final HotSpotDiagnosticMXBean hotspot;
    private final String busyMin;
    private final String busyMax;
    private final HeapRatioPolicy policy = new HeapRatioPolicy();
    private HeapRatioPolicy.Mode applied = HeapRatioPolicy.Mode.BUSY;

    private JvmMemory(HotSpotDiagnosticMXBean hotspot, String busyMin, String busyMax) {
        this.hotspot = hotspot;
        this.busyMin = busyMin;
        this.busyMax = busyMax;
    }

    /**
     * Sets the periodic collection and then follows the load every {@link #TICK}, on a daemon thread (loading the
     * management beans takes ~30 ms, kept off the startup path). Once per JVM; later calls do nothing.
     */
    public static void releaseWhenIdleInBackground() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "jvm-memory");
            thread.setDaemon(true);
            return thread;
        });
        timer.execute(() -> {
            Optional<JvmMemory> memory = forThisJvm();
            memory.ifPresent(JvmMemory::collectWhenIdle);
            if (memory.isPresent() && memory.get().ratiosAreOurs()) {
                timer.scheduleWithFixedDelay(memory.get()::tick, TICK.toMillis(), TICK.toMillis(),
                        TimeUnit.MILLISECONDS);
            } else {
                timer.shutdown();
            }
        });
    }

    /** This JVM's memory flags, or empty when the runtime has no HotSpot diagnostic bean. */
    static Optional<JvmMemory> forThisJvm() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotspot == null) {
            return Optional.empty();
        }
        return Optional.of(new JvmMemory(hotspot, flag(hotspot, MIN).map(VMOption::getValue).orElse(null),
                flag(hotspot, MAX).map(VMOption::getValue).orElse(null)));
    }

    /** Turns on G1's periodic collection of an idle JVM (not with other collectors, or when the user set it). */
    void collectWhenIdle() {
        if (flag(hotspot, "UseG1GC").map(o -> o.getValue().equals("true")).orElse(false)) {
            set("G1PeriodicGCInterval", Integer.toString(IDLE_GC_MILLIS));
        }
    }

    /** Whether the heap ratios are ours to change: present, writable, and not set by the user. */
    boolean ratiosAreOurs() {
        return busyMin != null && busyMax != null && writable(MIN) && writable(MAX);
    }

    /** One look at the collection count; switches the ratios when the service went quiet or busy. */
    void tick() {
        try {
            HeapRatioPolicy.Mode mode = policy.tick(collections());
            if (mode != applied) {
                apply(mode);
            }
        } catch (RuntimeException e) {
            // a failed look must not end the schedule
            log.debug("JVM memory tick failed: {}", e.toString());
        }
    }

    /** Sets the ratios of a mode. */
    void apply(HeapRatioPolicy.Mode mode) {
        // the JVM refuses a MaxHeapFreeRatio below the current MinHeapFreeRatio, and the reverse
        if (mode == HeapRatioPolicy.Mode.QUIET) {
            set(MIN, Integer.toString(MIN_FREE_PERCENT));
            set(MAX, Integer.toString(MAX_FREE_PERCENT));
        } else {
            set(MAX, busyMax);
            set(MIN, busyMin);
        }
        applied = mode;
        log.debug("JVM heap ratios for a {} service: min {} % free, max {} % free", mode,
                value(MIN), value(MAX));
    }

    String value(String name) {
        return flag(hotspot, name).map(VMOption::getValue).orElse("?");
    }

    private static long collections() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionCount());
        }
        return total;
    }

    private boolean writable(String name) {
        return flag(hotspot, name).map(option -> option.isWriteable()
                && option.getOrigin() != VMOption.Origin.VM_CREATION
                && option.getOrigin() != VMOption.Origin.ENVIRON_VAR
                && option.getOrigin() != VMOption.Origin.CONFIG_FILE).orElse(false);
    }

    private void set(String name, String value) {
        if (!writable(name)) {
            return;
        }
        try {
            hotspot.setVMOption(name, value);
        } catch (IllegalArgumentException e) {
            log.debug("JVM flag {} not set: {}", name, e.getMessage());
        }
    }

    private static Optional<VMOption> flag(HotSpotDiagnosticMXBean hotspot, String name) {
        try {
            return Optional.of(hotspot.getVMOption(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
