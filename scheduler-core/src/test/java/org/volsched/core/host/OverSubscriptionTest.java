package org.volsched.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.python.PyException;

/** Rule HM28 (CM1), Cinder's {@code calculate_max_over_subscription_ratio}. */
class OverSubscriptionTest {
    private static final String GLOBAL = "20.0";

    /** A thin pool report: 100 GB total, 60 free, plus {@code keysAndValues}. */
    private static Map<String, Object> thinPool(Object... keysAndValues) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("thin_provisioning_support", true);
        report.put("total_capacity_gb", 100L);
        report.put("free_capacity_gb", 60L);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            report.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return report;
    }

    @Test
    void withoutThinSupportTheRatioIsOne() {
        Map<String, Object> report = thinPool("max_over_subscription_ratio", 5.0);
        report.put("thin_provisioning_support", false);
        assertThat(OverSubscription.ratio(report, GLOBAL)).isEqualTo(1.0);

        report.remove("thin_provisioning_support");
        assertThat(OverSubscription.ratio(report, GLOBAL)).isEqualTo(1.0);

        report.put("thin_provisioning_support", "");
        assertThat(OverSubscription.ratio(report, GLOBAL)).as("'' is falsy").isEqualTo(1.0);
    }

    @Test
    void truthyThinSupportOfAnyTypeCounts() {
        assertThat(OverSubscription.ratio(thinPool("thin_provisioning_support", "False",
                "max_over_subscription_ratio", 3L), GLOBAL)).as("the string 'False' is truthy").isEqualTo(3.0);
    }

    @Test
    void unboundedTotalOrFreeGivesOne() {
        assertThat(OverSubscription.ratio(thinPool("total_capacity_gb", "infinite",
                "max_over_subscription_ratio", 5.0), GLOBAL)).isEqualTo(1.0);
        assertThat(OverSubscription.ratio(thinPool("free_capacity_gb", "unknown",
                "max_over_subscription_ratio", 5.0), GLOBAL)).isEqualTo(1.0);
        assertThat(OverSubscription.ratio(thinPool("total_capacity_gb", "unknown",
                "max_over_subscription_ratio", "auto"), GLOBAL)).isEqualTo(1.0);
    }

    @Test
    void thePoolsOwnRatioWinsWhenTruthyAndIsAFloat() {
        assertThat(OverSubscription.ratio(thinPool("max_over_subscription_ratio", 5.0), GLOBAL)).isEqualTo(5.0);
        assertThat(OverSubscription.ratio(thinPool("max_over_subscription_ratio", "1.5"), GLOBAL)).isEqualTo(1.5);
        Object fromInt = OverSubscription.ratio(thinPool("max_over_subscription_ratio", 3L), GLOBAL);
        assertThat(fromInt).isInstanceOf(Double.class).isEqualTo(3.0);
    }

    @Test
    void aFalsyPoolRatioFallsBackToTheGlobalOption() {
        for (Object falsy : new Object[] {0L, 0.0, "", null, false}) {
            Map<String, Object> report = thinPool("max_over_subscription_ratio", falsy);
            assertThat(OverSubscription.ratio(report, "7.5")).as("ratio %s", falsy).isEqualTo(7.5);
        }
        assertThat(OverSubscription.ratio(thinPool(), "7")).as("absent").isEqualTo(7.0);
    }

    @Test
    void autoDerivesTheRatioFromProvisionedAndUsedSpace() {
        // 1 + 50 / ((100 - 60) + 1)
        Object ratio = OverSubscription.ratio(thinPool("max_over_subscription_ratio", "auto",
                "provisioned_capacity_gb", 50L), GLOBAL);
        assertThat((double) ratio).isCloseTo(1 + 50.0 / 41, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void autoUsesAllocatedWhenProvisionedIsAbsent() {
        Object ratio = OverSubscription.ratio(thinPool("max_over_subscription_ratio", "auto",
                "allocated_capacity_gb", 82L), GLOBAL);
        assertThat(ratio).isEqualTo(1 + 82.0 / 41);
    }

    @Test
    void autoFromTheGlobalOption() {
        Object ratio = OverSubscription.ratio(thinPool("provisioned_capacity_gb", 41L), "auto");
        assertThat(ratio).isEqualTo(2.0);
    }

    @Test
    void autoWithNothingProvisionedIsTheInteger20() {
        assertThat(OverSubscription.ratio(thinPool("max_over_subscription_ratio", "auto"), GLOBAL))
                .isInstanceOf(Long.class).isEqualTo(20L);
        assertThat(OverSubscription.ratio(thinPool("max_over_subscription_ratio", "auto",
                "provisioned_capacity_gb", 0L, "allocated_capacity_gb", 30L), GLOBAL))
                .as("an explicit provisioned 0 wins over allocated").isEqualTo(20L);
    }

    @Test
    void autoComparesProvisionedWithZeroAsPythonDoes() {
        // "0" != 0 in Python, so the ratio is computed: 1 + float("0") / 41
        assertThat(OverSubscription.ratio(thinPool("max_over_subscription_ratio", "auto",
                "provisioned_capacity_gb", "0"), GLOBAL)).isEqualTo(1.0);
        assertThat(OverSubscription.ratio(thinPool("max_over_subscription_ratio", "auto",
                "provisioned_capacity_gb", false), GLOBAL)).as("False == 0").isEqualTo(20L);
        assertThat(OverSubscription.ratio(thinPool("max_over_subscription_ratio", "auto",
                "provisioned_capacity_gb", 0.0), GLOBAL)).as("0.0 == 0").isEqualTo(20L);
    }

    @Test
    void autoCannotSubtractStringCapacities() {
        PyException e = catchThrowableOfType(PyException.class,
                () -> OverSubscription.ratio(thinPool("max_over_subscription_ratio", "auto",
                        "total_capacity_gb", "100", "provisioned_capacity_gb", 10L), GLOBAL));
        assertThat(e.pythonType()).isEqualTo("TypeError");
        assertThat(e.getMessage()).isEqualTo("unsupported operand type(s) for -: 'str' and 'int'");

        PyException free = catchThrowableOfType(PyException.class,
                () -> OverSubscription.ratio(thinPool("max_over_subscription_ratio", "auto",
                        "free_capacity_gb", "60", "provisioned_capacity_gb", 10L), GLOBAL));
        assertThat(free.getMessage()).isEqualTo("unsupported operand type(s) for -: 'int' and 'str'");
    }

    @Test
    void autoIsMatchedExactly() {
        PyException e = catchThrowableOfType(PyException.class,
                () -> OverSubscription.ratio(thinPool("max_over_subscription_ratio", "Auto"), GLOBAL));
        assertThat(e.pythonType()).isEqualTo("ValueError");
    }

    @Test
    void autoDividesByZeroWhenFreeExceedsTotalByExactlyOne() {
        PyException e = catchThrowableOfType(PyException.class,
                () -> OverSubscription.ratio(thinPool("max_over_subscription_ratio", "auto",
                        "free_capacity_gb", 101L, "provisioned_capacity_gb", 10L), GLOBAL));
        assertThat(e.pythonType()).isEqualTo("ZeroDivisionError");
        assertThat(e.getMessage()).isEqualTo("float division by zero");
    }

    @Test
    void freeExceedingTotalByOtherAmountsIsOnlyANegativeDivisor() {
        Object ratio = OverSubscription.ratio(thinPool("max_over_subscription_ratio", "auto",
                "free_capacity_gb", 102L, "provisioned_capacity_gb", 10L), GLOBAL);
        assertThat(ratio).isEqualTo(1 + 10.0 / -1);
    }

    @Test
    void aNonNumericRatioIsAValueError() {
        PyException e = catchThrowableOfType(PyException.class,
                () -> OverSubscription.ratio(thinPool("max_over_subscription_ratio", "lots"), GLOBAL));
        assertThat(e.pythonType()).isEqualTo("ValueError");
        assertThat(e.getMessage()).isEqualTo("could not convert string to float: 'lots'");
    }

    @Test
    void missingCapacitiesCountAsZero() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("thin_provisioning_support", true);
        report.put("max_over_subscription_ratio", "auto");
        report.put("provisioned_capacity_gb", 3L);
        // total and free default to 0: 1 + 3 / (0 - 0 + 1)
        assertThat(OverSubscription.ratio(report, GLOBAL)).isEqualTo(4.0);
    }
}
