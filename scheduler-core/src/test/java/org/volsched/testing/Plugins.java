package org.volsched.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.ServiceLoader;
import org.volsched.spi.SchedulerPlugin;

/** Plug-in discovery for tests, through {@link ServiceLoader} as the scheduler does it. */
public final class Plugins {
    private Plugins() {
    }

    /** Every plug-in type {@link ServiceLoader} finds on the test class path. */
    public static List<Class<? extends SchedulerPlugin>> types() {
        return ServiceLoader.load(SchedulerPlugin.class).stream().map(ServiceLoader.Provider::type).toList();
    }

    /** The plug-in types found that come from the same class-path entry (module) as {@code type}. */
    public static List<Class<? extends SchedulerPlugin>> typesFromModuleOf(Class<?> type) {
        Path module = location(type);
        return types().stream().filter(t -> location(t).equals(module)).toList();
    }

    /** The instance {@link ServiceLoader} makes of plug-in {@code type}; fails if it is not found. */
    public static <T extends SchedulerPlugin> T loaded(Class<T> type) {
        return ServiceLoader.load(SchedulerPlugin.class).stream()
                .filter(p -> p.type() == type)
                .findFirst()
                .map(p -> type.cast(p.get()))
                .orElseThrow(() -> new AssertionError("ServiceLoader does not find " + type.getName()));
    }

    /**
     * A class loader that also sees the class-path directory {@code resourceDirectory} (for example
     * one holding only a {@code META-INF/services} file) on top of {@code parent}; close it after use.
     */
    public static URLClassLoader withServicesFrom(String resourceDirectory, ClassLoader parent) {
        URL dir = parent.getResource(resourceDirectory.endsWith("/") ? resourceDirectory : resourceDirectory + "/");
        if (dir == null) {
            throw new AssertionError("no directory " + resourceDirectory + " on the test class path");
        }
        try {
            return new URLClassLoader(new URL[] {Path.of(dir.toURI()).toUri().toURL()}, parent);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        try {
            return source == null ? Path.of("") : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
