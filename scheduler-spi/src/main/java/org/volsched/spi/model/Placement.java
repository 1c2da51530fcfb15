package org.volsched.spi.model;

/**
 * Where a driver placed a volume.
 *
 * @param backend the chosen candidate's name ({@code host@backend#pool}; the chance driver picks a
 *     host without pool)
 * @param weight its final weight, or {@code null} for drivers that do not weigh
 * @param pool the chosen pool after consumption, or {@code null} for drivers without pools
 */
public record Placement(String backend, Double weight, PoolState pool) {
}
