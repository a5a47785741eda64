package com.codexmanager.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training JVM gets the launcher's own options, without those about archives and caches. */
class AotTrainingOptionsTest {
    @Test
    void the_training_runs_with_the_launchers_collector_and_without_its_cache_options(@TempDir Path image)
            throws Exception {
        Files.createDirectories(image.resolve("lib/app"));
        Files.writeString(image.resolve("lib/app/codexmanager-serve.cfg"), """
                [Application]
                app.classpath=$APPDIR/codexmanager.jar
                app.mainclass=com.codexmanager.ServeMain

                [JavaOptions]
                java-options=-Djpackage.app-version=0.1.0
                java-options=-XX:+UseSerialGC
                java-options=-Xlog:aot=off
                java-options=-Xlog:cds=off
                java-options=-XX:AOTCache=$APPDIR/serve.aot
                """);

        assertThat(AotTraining.launcherJvmOptions(image, AotTraining.Launcher.SERVE))
                .containsExactly("-Djpackage.app-version=0.1.0", "-XX:+UseSerialGC");
    }

    @Test
    void an_image_without_a_launcher_cfg_trains_with_no_extra_options(@TempDir Path image) throws Exception {
        assertThat(AotTraining.launcherJvmOptions(image, AotTraining.Launcher.SERVE)).isEmpty();
    }
}
