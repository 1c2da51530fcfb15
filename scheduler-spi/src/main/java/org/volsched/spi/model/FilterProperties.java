package org.volsched.spi.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cinder's {@code filter_properties}: what the filters and weighers of one request read.
 * Mutable and owned by one request, as in Cinder: the scheduler fills it from the request spec
 * (rules FS16, FS17) and updates the retry state. Typed accessors cover every key Cinder's
 * built-in components read; {@link #other()} keeps anything else a caller or plug-in sends.
 */
public final class FilterProperties {
    private RequestContext context = RequestContext.anonymous();
    private RequestSpec requestSpec;
    private VolumeType volumeType;
    private Object size;
    private Object newSize;
    private Object availabilityZone;
    private Object userId;
    private Object metadata;
    private Object qosSpecs;
    private RetryState retry;
    private Map<String, Object> schedulerHints;
    private boolean schedulerHintsPresent;
    private String volExistsOn;
    private List<String> ignoreHosts;
    private Map<String, Object> configOptions = Map.of();
    private final Map<String, Object> other = new LinkedHashMap<>();

    public RequestContext context() {
        return context;
    }

    public FilterProperties setContext(RequestContext context) {
        this.context = context == null ? RequestContext.anonymous() : context;
        return this;
    }

    public RequestSpec requestSpec() {
        return requestSpec;
    }

    public FilterProperties setRequestSpec(RequestSpec requestSpec) {
        this.requestSpec = requestSpec;
        return this;
    }

    /** The volume type ({@code volume_type}, which is also {@code resource_type}); {@code null} when none. */
    public VolumeType volumeType() {
        return volumeType;
    }

    public FilterProperties setVolumeType(VolumeType volumeType) {
        this.volumeType = volumeType;
        return this;
    }

    /** The requested size as sent (normally an integer number of GB); {@code null} when absent. */
    public Object size() {
        return size;
    }

    public FilterProperties setSize(Object size) {
        this.size = size;
        return this;
    }

    /** The new size of an extend request, or {@code null}. */
    public Object newSize() {
        return newSize;
    }

    public FilterProperties setNewSize(Object newSize) {
        this.newSize = newSize;
        return this;
    }

    public Object availabilityZone() {
        return availabilityZone;
    }

    public FilterProperties setAvailabilityZone(Object availabilityZone) {
        this.availabilityZone = availabilityZone;
        return this;
    }

    public Object userId() {
        return userId;
    }

    public FilterProperties setUserId(Object userId) {
        this.userId = userId;
        return this;
    }

    public Object metadata() {
        return metadata;
    }

    public FilterProperties setMetadata(Object metadata) {
        this.metadata = metadata;
        return this;
    }

    /** The volume's QoS specs (a mapping), or {@code null}. */
    public Object qosSpecs() {
        return qosSpecs;
    }

    public FilterProperties setQosSpecs(Object qosSpecs) {
        this.qosSpecs = qosSpecs;
        return this;
    }

    /** The retry state, or {@code null} when retries are disabled or none was sent. */
    public RetryState retry() {
        return retry;
    }

    public FilterProperties setRetry(RetryState retry) {
        this.retry = retry;
        return this;
    }

    /** Scheduler hints; {@code null} when absent or sent as null (see {@link #schedulerHintsPresent()}). */
    public Map<String, Object> schedulerHints() {
        return schedulerHints;
    }

    /** True when the {@code scheduler_hints} key was sent, even with a null value (rule JF1). */
    public boolean schedulerHintsPresent() {
        return schedulerHintsPresent;
    }

    public FilterProperties setSchedulerHints(Map<String, Object> hints, boolean present) {
        this.schedulerHints = hints;
        this.schedulerHintsPresent = present || hints != null;
        return this;
    }

    /** One scheduler hint, or {@code null}. */
    public Object hint(String name) {
        return schedulerHints == null ? null : schedulerHints.get(name);
    }

    /** Retype: the backend the volume is on, which {@code CapacityFilter} always passes (rule CF1). */
    public String volExistsOn() {
        return volExistsOn;
    }

    public FilterProperties setVolExistsOn(String volExistsOn) {
        this.volExistsOn = volExistsOn;
        return this;
    }

    /** Hosts the chance driver must not pick ({@code ignore_hosts}), or {@code null}. */
    public List<String> ignoreHosts() {
        return ignoreHosts;
    }

    public FilterProperties setIgnoreHosts(List<String> ignoreHosts) {
        this.ignoreHosts = ignoreHosts == null ? null : List.copyOf(ignoreHosts);
        return this;
    }

    /** {@code config_options} (rule FS2); no built-in component reads it. */
    public Map<String, Object> configOptions() {
        return configOptions;
    }

    public FilterProperties setConfigOptions(Map<String, Object> configOptions) {
        this.configOptions = configOptions == null ? Map.of() : Map.copyOf(configOptions);
        return this;
    }

    /** Every other key, mutable, for plug-ins. */
    public Map<String, Object> other() {
        return other;
    }
}
