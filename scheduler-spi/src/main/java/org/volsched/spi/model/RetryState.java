package org.volsched.spi.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Cinder's {@code filter_properties['retry']}: how many attempts were made and which backends
 * were tried. Mutable, as in Cinder: the scheduler increments the count and records the chosen
 * backend. {@code backends} or {@code hosts} is {@code null} when the caller did not send that key.
 */
public final class RetryState {
    private Integer numAttempts;
    private List<String> backends;
    private List<String> hosts;

    public RetryState(Integer numAttempts, List<String> backends, List<String> hosts) {
        this.numAttempts = numAttempts;
        this.backends = backends == null ? null : new ArrayList<>(backends);
        this.hosts = hosts == null ? null : new ArrayList<>(hosts);
    }

    /** The state Cinder creates for a first attempt. */
    public static RetryState firstAttempt() {
        return new RetryState(1, List.of(), List.of());
    }

    /** The attempt count, or {@code null} when the caller sent a retry without one. */
    public Integer numAttempts() {
        return numAttempts;
    }

    public void setNumAttempts(int numAttempts) {
        this.numAttempts = numAttempts;
    }

    public List<String> backends() {
        return backends;
    }

    public List<String> hosts() {
        return hosts;
    }

    /** The backends already tried, as {@code IgnoreAttemptedHostsFilter} reads them (rule IA2). */
    public List<String> attempted() {
        if (backends != null) {
            return backends;
        }
        return hosts != null ? hosts : List.of();
    }

    /** Rule FS5: the chosen backend is appended to each list that exists. */
    public void recordAttempt(String backendId) {
        if (backends != null) {
            backends.add(backendId);
        }
        if (hosts != null) {
            hosts.add(backendId);
        }
    }

    public RetryState copy() {
        return new RetryState(numAttempts, backends, hosts);
    }

    @Override
    public String toString() {
        return "{num_attempts=" + numAttempts + ", backends=" + backends + ", hosts=" + hosts + "}";
    }
}
