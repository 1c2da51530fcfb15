package org.volsched.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.Volume;
import org.volsched.spi.model.VolumeType;

class ExtractSchedulerSpecTaskTest {
    private static final VolumeType EMPTY = new VolumeType(null, null, null, null, Map.of(), false);

    @Test
    void declaresCindersNameRequirementsAndResult() {
        ExtractSchedulerSpecTask task = new ExtractSchedulerSpecTask();

        assertThat(task.name()).isEqualTo("cinder.scheduler.flows.create_volume.ExtractSchedulerSpecTask;volume:create");
        assertThat(task.requires()).extracting(Key::name)
                .containsExactly("context", "request_spec", "volume", "snapshot_id", "image_id", "backup_id");
        assertThat(task.provides()).extracting(Key::name).containsExactly("request_spec");
    }

    @Test
    void aSpecThatWasSentIsPassedThroughUnchanged() {
        RequestSpec sent = RequestSpec.of("v", 1, "nova", null);
        Map<String, Object> values = new HashMap<>();
        values.put("context", RequestContext.anonymous());
        values.put("request_spec", sent);
        values.put("volume", null);
        values.put("snapshot_id", null);
        values.put("image_id", null);
        values.put("backup_id", null);
        Map<String, Key<?>> keys = new HashMap<>();
        new ExtractSchedulerSpecTask().requires().forEach(k -> keys.put(k.name(), k));

        Results results = new ExtractSchedulerSpecTask().execute(new Arguments("t", keys, values));

        assertThat(results.get(CreateVolumeFlow.REQUEST_SPEC)).isSameAs(sent);
    }

    @Test
    void asIntFollowsCindersAsInt() {
        assertThat(ExtractSchedulerSpecTask.asInt(10L)).isEqualTo(10L);
        assertThat(ExtractSchedulerSpecTask.asInt(2.9)).isEqualTo(2L);
        assertThat(ExtractSchedulerSpecTask.asInt(" 5 ")).isEqualTo(5L);
        assertThat(ExtractSchedulerSpecTask.asInt("2.5")).isEqualTo(2L);
        assertThat(ExtractSchedulerSpecTask.asInt("1e3")).isEqualTo(1000L);
        assertThat(ExtractSchedulerSpecTask.asInt(true)).isEqualTo(1L);
        assertTypeError(null, "Can not translate None to integer.");
        assertTypeError("ten", "Can not translate ten to integer.");
        assertTypeError("nan", "Can not translate nan to integer.");
        assertTypeError(List.of(1), "Can not translate [1] to integer.");
        assertThatThrownBy(() -> ExtractSchedulerSpecTask.asInt("inf"))
                .isInstanceOfSatisfying(SchedulerException.class, e -> assertThat(e.type()).isEqualTo("OverflowError"))
                .hasMessage("cannot convert float infinity to integer");
    }

    @Test
    void theLegacySpecFailsAsCindersDictLiteralDoes() {
        assertThatThrownBy(() -> ExtractSchedulerSpecTask.legacySpec(null, null, null, null))
                .isInstanceOfSatisfying(SchedulerException.class, e -> assertThat(e.type()).isEqualTo("AttributeError"))
                .hasMessage("'NoneType' object has no attribute 'volume_type_id'");
        Volume badSizeNoType = new Volume("v", "x", "nova", null, null, null, null);
        assertThatThrownBy(() -> ExtractSchedulerSpecTask.legacySpec(badSizeNoType, null, null, null))
                .hasMessage("Can not translate x to integer.");
    }

    @Test
    void anEmptyTypeBecomesAnEmptyPairList() {
        Volume volume = new Volume("v", 3, "nova", null, EMPTY, null, null);

        RequestSpec spec = ExtractSchedulerSpecTask.legacySpec(volume, null, null, null);

        assertThat(spec.volumeType().legacyPairs()).isTrue();
        assertThat(spec.volumeType().isEmpty()).isTrue();
        assertThat(spec.size()).isEqualTo(3L);
    }

    private static void assertTypeError(Object value, String message) {
        assertThatThrownBy(() -> ExtractSchedulerSpecTask.asInt(value))
                .isInstanceOfSatisfying(SchedulerException.class, e -> assertThat(e.type()).isEqualTo("TypeError"))
                .hasMessage(message);
    }
}
