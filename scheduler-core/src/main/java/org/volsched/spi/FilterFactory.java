package org.volsched.spi;

/** Makes a {@link BackendFilter} (named in {@code scheduler_default_filters}). */
public interface FilterFactory extends ComponentFactory<BackendFilter> {
}
