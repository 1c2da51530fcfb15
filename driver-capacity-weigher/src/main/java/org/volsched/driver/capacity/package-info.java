/**
 * Cinder's capacity-based weighers as a volsched plug-in: {@code CapacityWeigher} (rules W7-W9,
 * CM2, CM3), {@code AllocatedCapacityWeigher} (W10) and {@code VolumeNumberWeigher} (W15),
 * registered by {@link org.volsched.driver.capacity.CapacityWeigherPlugin}.
 */
package org.volsched.driver.capacity;
