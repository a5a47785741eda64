package com.codexmanager.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The GitHub workflows cannot run here, so their shape is checked instead: manual triggers with the agreed inputs,
 * steps that call scripts which exist and are executable, and no workflow input pasted into a shell command.
 */
class WorkflowLintTest {
    private static final Path WORKFLOWS = Path.of(".github", "workflows");
    private static final List<String> RELEASES =
            List.of("release-linux.yml", "release-windows.yml", "release-macos-beta.yml");
    private static final Pattern SCRIPT = Pattern.compile("scripts/[\\w.-]+\\.(sh|ps1)");

    static Stream<String> workflows() {
        return Stream.concat(Stream.of("ci-verify.yml"), RELEASES.stream());
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void every_workflow_is_started_by_hand(String file) throws IOException {
        Map<String, Object> triggers = triggers(load(file));

        assertThat(triggers).containsKey("workflow_dispatch");
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void every_script_a_step_runs_exists_and_shell_scripts_are_executable(String file) throws IOException {
        List<String> scripts = new ArrayList<>();
        for (String command : runCommands(load(file))) {
            Matcher m = SCRIPT.matcher(command);
            while (m.find()) {
                scripts.add(m.group());
            }
        }

        assertThat(scripts).as("%s calls at least one script", file).isNotEmpty();
        for (String script : scripts) {
            assertThat(Path.of(script)).as("%s runs %s", file, script).isRegularFile();
            if (script.endsWith(".sh")) {
                assertThat(Files.isExecutable(Path.of(script))).as("%s is executable", script).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void no_step_pastes_an_input_into_a_shell_command(String file) throws IOException {
        for (String command : runCommands(load(file))) {
            assertThat(command).as("%s: pass inputs through env:, not ${{ }} in run:", file)
                    .doesNotContain("${{");
        }
    }

    @ParameterizedTest
    @MethodSource("releases")
    void release_workflows_take_tag_ref_and_run_verify(String file) throws IOException {
        Map<String, Object> inputs = map(map(triggers(load(file)).get("workflow_dispatch")).get("inputs"));

        assertThat(map(inputs.get("tag"))).containsEntry("required", true).containsEntry("type", "string");
        assertThat(map(inputs.get("ref"))).containsEntry("default", "main").containsEntry("type", "string");
        assertThat(map(inputs.get("run_verify"))).containsEntry("default", true).containsEntry("type", "boolean");
    }

    @ParameterizedTest
    @MethodSource("releases")
    void release_workflows_verify_with_ci_verify_and_attach_their_files_to_the_release(String file)
            throws IOException {
        Map<String, Object> workflow = load(file);
        Map<String, Object> jobs = map(workflow.get("jobs"));

        assertThat(map(jobs.get("verify"))).containsEntry("uses", "./.github/workflows/ci-verify.yml")
                .containsEntry("if", "${{ inputs.run_verify }}");
        assertThat(runCommands(workflow)).anySatisfy(command ->
                assertThat(command).startsWith("scripts/publish-release.sh \"$TAG\" dist/"));
    }

    @ParameterizedTest
    @ValueSource(strings = "ci-verify.yml")
    void ci_verify_can_be_called_by_the_release_workflows_and_runs_the_ci_script(String file) throws IOException {
        Map<String, Object> workflow = load(file);

        assertThat(map(triggers(workflow).get("workflow_call")).get("inputs")).isNotNull();
        assertThat(runCommands(workflow)).contains(".ci/run");
    }

    static Stream<String> releases() {
        return RELEASES.stream();
    }

    private static Map<String, Object> load(String file) throws IOException {
        return new Yaml().load(Files.readString(WORKFLOWS.resolve(file), StandardCharsets.UTF_8));
    }

    /** YAML 1.1 reads the key {@code on} as the boolean true; accept either spelling. */
    private static Map<String, Object> triggers(Map<String, Object> workflow) {
        Object on = workflow.containsKey("on") ? workflow.get("on") : ((Map<?, ?>) workflow).get(Boolean.TRUE);
        assertThat(on).as("the workflow has an 'on:' block").isNotNull();
        return map(on);
    }

    private static List<String> runCommands(Map<String, Object> workflow) {
        List<String> commands = new ArrayList<>();
        for (Object job : map(workflow.get("jobs")).values()) {
            Object steps = map(job).get("steps");
            if (steps instanceof List<?> list) {
                for (Object step : list) {
                    Object run = map(step).get("run");
                    if (run != null) {
                        commands.add(run.toString());
                    }
                }
            }
        }
        return commands;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
