package org.volsched.driver.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ExpressionCacheTest {

    @Test
    void eachTextIsParsedOnce() throws EvaluatorException {
        ExpressionCache cache = new ExpressionCache();
        String text = "volume.size * 2";
        Expression first = cache.get(text);
        assertThat(cache.get(new String(text.toCharArray()))).isSameAs(first);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.evaluate(text, Namespaces.of(Map.of("volume", Map.of("size", 3L))))).isEqualTo(6L);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void parseFailuresAreCachedAndRethrown() {
        ExpressionCache cache = new ExpressionCache();
        EvaluatorException first = catchThrowableOfType(EvaluatorException.class, () -> cache.get("1 +"));
        EvaluatorException second = catchThrowableOfType(EvaluatorException.class, () -> cache.get("1 +"));
        assertThat(first).isNotNull().isSameAs(second);
        assertThat(first.getMessage()).startsWith("ParseException: ");
        assertThat(first.getStackTrace()).isEmpty();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void evaluationFailuresAreNotCached() {
        ExpressionCache cache = new ExpressionCache();
        Namespaces none = Namespaces.empty();
        Namespaces some = Namespaces.of(Map.of("volume", Map.of("size", 3L)));
        assertThatThrownBy(() -> cache.evaluate("volume.size", none)).hasMessage("KeyError evaluating string");
        assertThat(catchThrowableOfType(EvaluatorException.class, () -> cache.evaluate("volume.size", none)))
                .isNotNull();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> cache.evaluate("volume.size", some))).isNull();
    }

    @Test
    void tooLongTextsAreRejectedWithoutBeingCached() {
        ExpressionCache cache = new ExpressionCache();
        String text = "1".repeat(Expression.MAX_LENGTH + 1);
        EvaluatorException e = catchThrowableOfType(EvaluatorException.class, () -> cache.get(text));
        assertThat(e.kind()).isEqualTo(EvaluatorException.Kind.LIMIT);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theNumberOfEntriesIsBounded() throws EvaluatorException {
        ExpressionCache cache = new ExpressionCache(100, Long.MAX_VALUE);
        for (int i = 0; i < 10_000; i++) {
            cache.get(i + " + 1");
            assertThat(cache.size()).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void theTotalTextLengthIsBounded() throws EvaluatorException {
        ExpressionCache cache = new ExpressionCache(1_000_000, 100_000);
        for (int i = 0; i < 200; i++) {
            cache.get(i + " + " + "1 + ".repeat(2_000) + "1");
        }
        assertThat(cache.size()).isLessThanOrEqualTo(13);
    }

    @Test
    void recentlyUsedEntriesSurviveEviction() throws EvaluatorException {
        ExpressionCache cache = new ExpressionCache(8, Long.MAX_VALUE);
        Expression hot = cache.get("volume.size");
        for (int i = 0; i < 100; i++) {
            cache.get(i + " * 2");
            assertThat(cache.get("volume.size")).isSameAs(hot);
        }
    }

    @Test
    void boundsMustBePositive() {
        assertThatThrownBy(() -> new ExpressionCache(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExpressionCache(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExpressionCache().get(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void concurrentUseIsSafeAndSharesOneParse() throws Exception {
        ExpressionCache cache = new ExpressionCache(64, Long.MAX_VALUE);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Set<Expression> shared = ConcurrentHashMap.newKeySet();
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    long sum = 0;
                    for (int i = 0; i < 5_000; i++) {
                        shared.add(cache.get("volume.size + 1"));
                        Object v = cache.evaluate("volume.size * " + ((i + seed) % 200),
                                Namespaces.of(Map.of("volume", Map.of("size", 2L))));
                        sum += (Long) v;
                        if (i % 100 == 0) {
                            assertThat(catchThrowableOfType(EvaluatorException.class, () -> cache.get("1 + + +")))
                                    .isNotNull();
                        }
                    }
                    return sum;
                }));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                long e = 0;
                for (int i = 0; i < 5_000; i++) {
                    e += 2L * ((i + t) % 200);
                }
                assertThat(futures.get(t).get(60, TimeUnit.SECONDS)).isEqualTo(e);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(64);
        assertThat(shared).isNotEmpty().allSatisfy(e -> assertThat(e.text()).isEqualTo("volume.size + 1"));
    }
}
