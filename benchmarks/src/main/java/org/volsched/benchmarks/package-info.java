/**
 * JMH benchmarks of the host-selection hot path, over fleets generated from a fixed seed
 * ({@link org.volsched.benchmarks.Fleet}) and loaded into a real scheduler through its public API
 * ({@link org.volsched.benchmarks.FleetScheduler}). {@code docs/benchmarks.md} says what each one
 * measures and how to run them.
 */
package org.volsched.benchmarks;
