package com.codexmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package structure the code keeps (issue 15, module boundaries), read from the main sources: every
 * {@code com.codexmanager.…} name in code (imports and fully qualified names; comments and string literals are
 * ignored) is a dependency of the file's top-level package ({@code account}, {@code service}, …; classes directly in
 * {@code com.codexmanager} form the package {@value #ROOT}).
 *
 * <ul>
 *   <li>{@code service} is the composition root: only it, the launcher classes in {@code com.codexmanager} and the
 *   desktop file that embeds the service know it;</li>
 *   <li>{@code module} (the API every feature module implements) and {@code settings} sit below every feature;</li>
 *   <li>the account pool does not know login and token refresh ({@code auth} builds on {@code account});</li>
 *   <li>no cycle between top-level packages, except the ones listed in {@link #KNOWN_CYCLES} with a reason.</li>
 * </ul>
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src", "main", "java", "com", "codexmanager");
    private static final String ROOT = "(root)";

    /** Packages that are a feature or the composition root, which the module API and settings must not know. */
    private static final Set<String> FEATURES = Set.of("account", "apikey", "auth", "gateway", "observability",
            "usage", "metrics", "desktop", "cli", "service");

    /** Files outside {@code service} (besides the launcher classes in the root package) that start the service. */
    private static final Set<String> SERVICE_HOSTS = Set.of("desktop/EmbeddedService.java");

    /**
     * Cycles between top-level packages that are accepted for now, as the set of packages in the cycle and the
     * reason. None today; a new entry needs a reason that a reviewer agrees with.
     */
    private static final Map<Set<String>, String> KNOWN_CYCLES = Map.of();

    private static final Pattern REFERENCE = Pattern.compile("\\bcom\\.codexmanager((?:\\.[A-Za-z_$][\\w$]*)+)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+[\\w.]+\\s*;");

    @Test
    void the_reader_sees_the_dependencies_of_the_composition_root() {
        Map<String, Set<String>> graph = graph(sources());

        assertThat(graph.get("service")).contains("account", "auth", "gateway", "module", "settings", "usage");
        assertThat(graph.get(ROOT)).contains("service", "desktop");
        assertThat(code("// com.codexmanager.service.X\nString s = \"com.codexmanager.service.Y /*\"; int a;"))
                .doesNotContain("com.codexmanager").contains("int a;");
    }

    @Test
    void only_the_composition_root_and_the_programs_that_start_it_know_the_service_package() {
        List<String> violations = new ArrayList<>();
        for (Source source : sources()) {
            if (source.topLevel().equals("service") || source.topLevel().equals(ROOT)
                    || SERVICE_HOSTS.contains(source.path())) {
                continue;
            }
            source.references().stream().filter(r -> topLevel(r).equals("service"))
                    .forEach(r -> violations.add(source.path() + " -> com.codexmanager." + r));
        }

        assertThat(violations).as("features must get what they need through com.codexmanager.module, not from the "
                + "composition root").isEmpty();
    }

    @Test
    void the_module_api_and_the_settings_know_no_feature() {
        List<String> violations = new ArrayList<>();
        for (Source source : sources()) {
            if (!source.topLevel().equals("module") && !source.topLevel().equals("settings")) {
                continue;
            }
            source.references().stream().filter(r -> FEATURES.contains(topLevel(r)))
                    .forEach(r -> violations.add(source.path() + " -> com.codexmanager." + r));
        }

        assertThat(violations).as("module and settings sit below every feature").isEmpty();
    }

    @Test
    void the_account_pool_does_not_know_login_and_token_refresh() {
        List<String> violations = new ArrayList<>();
        for (Source source : sources()) {
            if (source.topLevel().equals("account")) {
                source.references().stream().filter(r -> topLevel(r).equals("auth"))
                        .forEach(r -> violations.add(source.path() + " -> com.codexmanager." + r));
            }
        }

        assertThat(violations).as("auth builds on account (com.codexmanager.auth.rpc.AuthModule), never the other "
                + "way round").isEmpty();
    }

    @Test
    void one_secret_box_per_program_built_by_its_composition_root() throws Exception {
        List<String> builders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Files.readString(file).contains("new SecretBox(")) {
                    builders.add(MAIN.relativize(file).toString().replace('\\', '/'));
                }
            }
        }

        assertThat(builders).as("the service builds its one SecretBox and hands it to every module; db copy opens "
                + "the source's and the target's").containsExactlyInAnyOrder(
                        "service/CodexManagerService.java", "cli/DbCopyCommand.java");
    }

    @Test
    void top_level_packages_have_no_cycle_except_the_known_ones() {
        List<Source> sources = sources();
        Map<String, Set<String>> graph = graph(sources);
        List<String> cycles = new ArrayList<>();
        Set<Set<String>> found = new LinkedHashSet<>();
        for (Set<String> component : stronglyConnected(graph)) {
            if (component.size() < 2) {
                continue;
            }
            found.add(component);
            if (!KNOWN_CYCLES.containsKey(component)) {
                cycles.add(describe(cycleThrough(graph, component), sources));
            }
        }

        assertThat(cycles).as("cycles between top-level packages").isEmpty();
        assertThat(found).as("the known cycles are still there (remove the ones that were fixed)")
                .containsAll(KNOWN_CYCLES.keySet());
    }

    /** A file of the main sources: path relative to {@code com/codexmanager}, and the names it uses. */
    private record Source(String path, String topLevel, Set<String> references) {
    }

    private static List<Source> sources() {
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String path = MAIN.relativize(file).toString().replace('\\', '/');
                String top = path.contains("/") ? path.substring(0, path.indexOf('/')) : ROOT;
                String code = PACKAGE.matcher(code(Files.readString(file, StandardCharsets.UTF_8))).replaceAll("");
                Set<String> references = new TreeSet<>();
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    references.add(m.group(1).substring(1));
                }
                out.add(new Source(path, top, references));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(out).as("main sources under " + MAIN.toAbsolutePath()).hasSizeGreaterThan(100);
        return out;
    }

    /** {@code account} for {@code account.rpc.AccountsModule}; {@value #ROOT} for {@code Launcher}. */
    private static String topLevel(String reference) {
        String first = reference.contains(".") ? reference.substring(0, reference.indexOf('.')) : reference;
        return Character.isUpperCase(first.charAt(0)) ? ROOT : first;
    }

    /** Top-level package to the top-level packages it uses (itself excluded). */
    private static Map<String, Set<String>> graph(List<Source> sources) {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Source source : sources) {
            Set<String> targets = graph.computeIfAbsent(source.topLevel(), k -> new TreeSet<>());
            source.references().stream().map(ArchitectureTest::topLevel)
                    .filter(t -> !t.equals(source.topLevel())).forEach(targets::add);
        }
        return graph;
    }

    /** Tarjan's strongly connected components. */
    private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Tarjan tarjan = new Tarjan(graph);
        graph.keySet().forEach(tarjan::visitOnce);
        return tarjan.components;
    }

    /** One run of Tarjan's algorithm over a small graph (recursive). Not thread-safe. */
    private static final class Tarjan {
        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final List<Set<String>> components = new ArrayList<>();
        private int next;

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        void visitOnce(String v) {
            if (!index.containsKey(v)) {
                visit(v);
            }
        }

        private void visit(String v) {
            index.put(v, next);
            low.put(v, next);
            next++;
            stack.push(v);
            onStack.add(v);
            for (String w : graph.getOrDefault(v, Set.of())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> component = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                components.add(component);
            }
        }
    }

    /** The shortest cycle from the component's first package back to it, as a list of packages. */
    private static List<String> cycleThrough(Map<String, Set<String>> graph, Set<String> component) {
        String start = component.iterator().next();
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String v = queue.poll();
            for (String w : graph.getOrDefault(v, Set.of())) {
                if (w.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String p = v; !p.equals(start); p = parent.get(p)) {
                        path.add(1, p);
                    }
                    path.add(start);
                    return path;
                }
                if (component.contains(w) && !parent.containsKey(w)) {
                    parent.put(w, v);
                    queue.add(w);
                }
            }
        }
        throw new AssertionError("no cycle through " + start + " in " + component);
    }

    /** {@code a -> b -> a} and, for each step, a file that makes it. */
    private static String describe(List<String> cycle, List<Source> sources) {
        StringBuilder out = new StringBuilder(String.join(" -> ", cycle));
        for (int i = 0; i + 1 < cycle.size(); i++) {
            String from = cycle.get(i);
            String to = cycle.get(i + 1);
            sources.stream().filter(s -> s.topLevel().equals(from))
                    .filter(s -> s.references().stream().anyMatch(r -> topLevel(r).equals(to))).findFirst()
                    .ifPresent(s -> out.append("\n    ").append(from).append(" -> ").append(to).append(": ")
                            .append(s.path()));
        }
        return out.toString();
    }

    /** The source with comments removed and string, text block and character literals emptied. */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                i = skipLiteral(source, i + 3, "\"\"\"");
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                i = skipLiteral(source, i + 1, String.valueOf(c));
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The index after the literal's closing {@code quote}, skipping escapes. */
    private static int skipLiteral(String source, int from, String quote) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(quote, i)) {
                return i + quote.length();
            } else {
                i++;
            }
        }
        return i;
    }
}
