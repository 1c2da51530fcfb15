package org.volsched.spi;

/** Makes a {@link BackendWeigher} (named in {@code scheduler_default_weighers}). */
public interface WeigherFactory extends ComponentFactory<BackendWeigher> {
}
