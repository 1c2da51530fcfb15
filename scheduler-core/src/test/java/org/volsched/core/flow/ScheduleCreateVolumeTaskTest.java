package org.volsched.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.volsched.spi.NoValidBackend;
import org.volsched.spi.SchedulerException;
import org.volsched.python.PyException;

class ScheduleCreateVolumeTaskTest {
    @Test
    void detailIdsFollowCindersExceptionTable() {
        assertThat(ScheduleCreateVolumeTask.detailIdFor(NoValidBackend.withReason("x"))).isEqualTo("003");
        assertThat(ScheduleCreateVolumeTask.detailIdFor(NoValidBackend.withMessage("Cannot place"))).isEqualTo("003");
        assertThat(ScheduleCreateVolumeTask.detailIdFor(new SchedulerException("DriverNotInitialized", "x")))
                .isEqualTo("002");
        assertThat(ScheduleCreateVolumeTask.detailIdFor(new SchedulerException("ImageTooBig", "x"))).isEqualTo("007");
        assertThat(ScheduleCreateVolumeTask.detailIdFor(new SchedulerException("SnapshotLimitExceeded", "x")))
                .isEqualTo("006");
        assertThat(ScheduleCreateVolumeTask.detailIdFor(new SchedulerException("InvalidUUID", "x"))).isEqualTo("001");
        assertThat(ScheduleCreateVolumeTask.detailIdFor(PyException.typeError("x"))).isEqualTo("001");
        assertThat(ScheduleCreateVolumeTask.detailIdFor(new IllegalStateException("x"))).isEqualTo("001");
    }

    @Test
    void failuresAreNamedAsCinderWouldNameThem() {
        assertThat(ScheduleCreateVolumeTask.exceptionType(NoValidBackend.withReason("x"))).isEqualTo("NoValidBackend");
        assertThat(ScheduleCreateVolumeTask.exceptionType(PyException.valueError("x"))).isEqualTo("ValueError");
        assertThat(ScheduleCreateVolumeTask.exceptionType(new IllegalStateException())).isEqualTo(
                "IllegalStateException");
        assertThat(ScheduleCreateVolumeTask.reasonOf(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(ScheduleCreateVolumeTask.eventId("003")).isEqualTo("VOLUME_VOLUME_001_003");
    }

    @Test
    void cleanReasonFollowsCinder() {
        assertThat(ScheduleCreateVolumeTask.cleanReason(null)).isEqualTo("Unknown reason");
        assertThat(ScheduleCreateVolumeTask.cleanReason("short")).isEqualTo("short");
        assertThat(ScheduleCreateVolumeTask.cleanReason("y".repeat(129))).isEqualTo("y".repeat(128) + "...");
    }
}
