package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Third-party plug-in jars built for real during the test: the example plug-in of
 * {@code examples/example-plugin} (the one the documentation points to) compiled with the system
 * Java compiler against the test class path and jarred with its service file; and a broken one.
 */
final class PluginJars {
    /** The example plug-in's project, relative to this module. */
    static final Path EXAMPLE = Path.of("..", "examples", "example-plugin");

    private PluginJars() {
    }

    /** The test's own third-party plug-in: {@code LatencyWeigher} with its {@code latency_weight_multiplier}. */
    static final Path LATENCY = Path.of("src", "test", "plugins", "latency-weigher");

    /** Compiles the example plug-in into {@code dir/tier-plugin.jar}. */
    static Path tierPlugin(Path dir) {
        return compile(EXAMPLE, dir, "tier-plugin.jar");
    }

    /** Compiles the latency weigher plug-in into {@code dir/latency-plugin.jar}. */
    static Path latencyPlugin(Path dir) {
        return compile(LATENCY, dir, "latency-plugin.jar");
    }

    /** Compiles a plug-in project's {@code src/main/java} and jars it with its {@code src/main/resources}. */
    private static Path compile(Path project, Path dir, String jarName) {
        Path sources = project.resolve("src/main/java");
        Path resources = project.resolve("src/main/resources");
        assertThat(sources).as("the plug-in's sources").isDirectory();
        try {
            Path classes = Files.createTempDirectory(dir, "classes");
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                    System.getProperty("java.class.path"), "--release", "17", "-nowarn"));
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            assertThat(javac).as("a JDK's compiler").isNotNull();
            int rc = javac.run(null, null, null, args.toArray(new String[0]));
            assertThat(rc).as("javac %s", args).isZero();
            Path jar = dir.resolve(jarName);
            jar(jar, classes, resources);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar whose service file names a class it does not contain: discovery must skip it. */
    static Path brokenPlugin(Path dir) {
        try {
            Path content = Files.createTempDirectory(dir, "broken");
            Path services = content.resolve("META-INF/services");
            Files.createDirectories(services);
            Files.writeString(services.resolve("org.volsched.spi.SchedulerPlugin"), "com.example.Missing\n");
            Path jar = dir.resolve("broken-plugin.jar");
            jar(jar, content);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void jar(Path jar, Path... roots) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, manifest)) {
            for (Path root : roots) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(root)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
        }
    }
}
