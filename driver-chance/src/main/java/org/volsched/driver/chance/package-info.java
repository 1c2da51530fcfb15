/**
 * Cinder's retired {@code ChanceScheduler} (rules CS1-CS7) and the {@code ChanceWeigher} (W11) as
 * a volsched plug-in, registered by {@link org.volsched.driver.chance.ChancePlugin}.
 */
package org.volsched.driver.chance;
