package org.volsched.spi;

/** Makes a {@link SchedulerDriver} ({@code scheduler_driver}). */
public interface DriverFactory extends ComponentFactory<SchedulerDriver> {
}
