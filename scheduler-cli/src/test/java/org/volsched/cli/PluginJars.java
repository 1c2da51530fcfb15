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
 * Java compiler against the test class path and jarred with its service file; broken ones (a
 * missing class, a throwing constructor); and one that provides a name the example already does.
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

    /**
     * A jar whose plug-in's constructor throws {@code IllegalStateException("licence file missing")}:
     * discovery must skip it and say why.
     */
    static Path throwingPlugin(Path dir) {
        return compiled(dir, "throwing-plugin.jar", "com.example.throwing.ThrowingPlugin", """
                package com.example.throwing;
                public final class ThrowingPlugin implements org.volsched.spi.SchedulerPlugin {
                    public ThrowingPlugin() {
                        throw new IllegalStateException("licence file missing");
                    }
                }
                """);
    }

    /**
     * A jar whose plug-in ({@code copy-tier}, class {@code com.example.copy.CopyTierPlugin}) provides a
     * filter named {@code TierFilter} too: the same name as the example plug-in's.
     */
    static Path copyTierPlugin(Path dir) {
        return compiled(dir, "copy-tier-plugin.jar", "com.example.copy.CopyTierPlugin", """
                package com.example.copy;
                import java.util.List;
                import org.volsched.spi.FilterFactory;
                public final class CopyTierPlugin implements org.volsched.spi.SchedulerPlugin {
                    @Override
                    public String pluginName() {
                        return "copy-tier";
                    }
                    @Override
                    public List<FilterFactory> filterFactories() {
                        return List.of(FilterFactory.of("TierFilter", List.of(), context -> new PassAll()));
                    }
                    static final class PassAll implements org.volsched.spi.BackendFilter {
                        @Override
                        public String name() {
                            return "TierFilter";
                        }
                        @Override
                        public PoolPredicate prepare(org.volsched.spi.model.FilterProperties properties) {
                            return pool -> true;
                        }
                    }
                }
                """);
    }

    /**
     * A jar whose plug-in ({@code com.example.orphan.OrphanPlugin}) extends a class the jar does not
     * hold: loading the class fails with a {@link NoClassDefFoundError} naming the superclass only.
     */
    static Path orphanPlugin(Path dir) {
        try {
            Path base = Files.createTempDirectory(dir, "base");
            Path baseSource = base.resolve("com/example/orphan/Base.java");
            Files.createDirectories(baseSource.getParent());
            Files.writeString(baseSource, """
                    package com.example.orphan;
                    public abstract class Base implements org.volsched.spi.SchedulerPlugin {
                    }
                    """);
            Path baseClasses = Files.createDirectories(base.resolve("classes"));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int rc = javac.run(null, null, null, "-d", baseClasses.toString(), "-classpath",
                    System.getProperty("java.class.path"), "--release", "17", "-nowarn", baseSource.toString());
            assertThat(rc).as("javac %s", baseSource).isZero();
            return compiled(dir, "orphan-plugin.jar", "com.example.orphan.OrphanPlugin", """
                    package com.example.orphan;
                    public final class OrphanPlugin extends Base {
                    }
                    """, baseClasses);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path compiled(Path dir, String jarName, String className, String source) {
        return compiled(dir, jarName, className, source, null);
    }

    /**
     * Compiles one plug-in class ({@code source}, against the test class path and {@code extra})
     * and jars it, without {@code extra}, with a service file naming it.
     */
    private static Path compiled(Path dir, String jarName, String className, String source, Path extra) {
        try {
            Path work = Files.createTempDirectory(dir, "src");
            Path file = work.resolve(className.replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            Path classes = Files.createDirectories(work.resolve("classes"));
            Path services = Files.createDirectories(classes.resolve("META-INF/services"));
            Files.writeString(services.resolve("org.volsched.spi.SchedulerPlugin"), className + "\n");
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            assertThat(javac).as("a JDK's compiler").isNotNull();
            String classPath = System.getProperty("java.class.path")
                    + (extra == null ? "" : java.io.File.pathSeparator + extra);
            int rc = javac.run(null, null, null, "-d", classes.toString(), "-classpath", classPath, "--release", "17",
                    "-nowarn", file.toString());
            assertThat(rc).as("javac %s", file).isZero();
            Path jar = dir.resolve(jarName);
            jar(jar, classes);
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
