package org.volsched.cli;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The {@code --plugin-path DIR} option shared by every command that builds a scheduler: third-party
 * plug-in jars are loaded, beside the bundled drivers, through one {@link URLClassLoader} whose parent
 * is the class loader of volsched itself, so that {@link java.util.ServiceLoader} finds their
 * {@code SchedulerPlugin}s and a scenario's configuration can select what they provide.
 */
final class PluginPathOption {
    private static final Logger LOG = LoggerFactory.getLogger(PluginPathOption.class);

    @Option(names = "--plugin-path", paramLabel = "DIR",
            description = {"Also load plug-ins from every *.jar in DIR (or from DIR itself when it is a jar).",
                "Repeatable."})
    List<Path> directories = new ArrayList<>();

    /**
     * Opens the class loader the command's scheduler discovers plug-ins with; close it when the
     * command is done.
     *
     * @throws UserError naming a directory that does not exist or cannot be listed
     */
    PluginLoader open() {
        ClassLoader parent = Main.class.getClassLoader();
        if (directories.isEmpty()) {
            return new PluginLoader(parent, null, List.of());
        }
        List<URL> urls = new ArrayList<>();
        List<Path> jars = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path dir : directories) {
            try {
                List<Path> found = jarsIn(dir);
                if (found.isEmpty()) {
                    LOG.warn("--plugin-path {}: no *.jar found", dir);
                }
                for (Path jar : found) {
                    urls.add(jar.toUri().toURL());
                    jars.add(jar);
                }
            } catch (UserError e) {
                problems.addAll(e.problems());
            } catch (MalformedURLException e) {
                problems.add("--plugin-path " + dir + ": cannot be turned into a class path entry: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new UserError(problems);
        }
        LOG.debug("Loading plug-ins from {}", jars);
        URLClassLoader loader = new URLClassLoader("volsched-plugins", urls.toArray(new URL[0]), parent);
        return new PluginLoader(loader, loader, List.copyOf(jars));
    }

    private static List<Path> jarsIn(Path dir) {
        if (Files.isRegularFile(dir) && dir.getFileName().toString().endsWith(".jar")) {
            return List.of(dir.toAbsolutePath());
        }
        if (!Files.exists(dir)) {
            throw new UserError("--plugin-path " + dir + ": no such directory; expected a directory of plug-in jars");
        }
        if (!Files.isDirectory(dir)) {
            throw new UserError("--plugin-path " + dir + ": not a directory or a .jar file; expected a directory of "
                    + "plug-in jars");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .map(Path::toAbsolutePath)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UserError("--plugin-path " + dir + ": cannot list the directory: " + e.getMessage());
        }
    }

    /**
     * The class loader plug-ins are discovered with, and the jars it added.
     *
     * @param classLoader where {@link java.util.ServiceLoader} looks
     * @param jars the third-party jars, in load order (empty without {@code --plugin-path})
     */
    record PluginLoader(ClassLoader classLoader, URLClassLoader owned, List<Path> jars) implements AutoCloseable {
        @Override
        public void close() {
            if (owned != null) {
                try {
                    owned.close();
                } catch (IOException e) {
                    LOG.debug("Closing the plug-in class loader: {}", e.toString());
                }
            }
        }
    }
}
