package org.volsched.cli.reliability;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one case on a worker thread with a time limit, so that a hang fails the case instead of the
 * build, and a {@link StackOverflowError} is reported as such. Workers have the JVM's default
 * stack size, like the thread that runs the command line.
 */
final class Bounded {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "reliability-case");
        t.setDaemon(true);
        return t;
    });

    private Bounded() {
    }

    /**
     * @param what describes the case in a failure (the input, shortened)
     * @throws AssertionError on a hang, a stack overflow or any other {@link Error}
     */
    static <T> T call(Supplier<String> what, Duration limit, Callable<T> body) {
        Future<T> future = WORKERS.submit(body);
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("No answer within " + limit + " (a hang?) for " + what.get());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + what.get(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AssertionError a) {
                throw a;
            }
            if (cause instanceof StackOverflowError) {
                throw new AssertionError("StackOverflowError for " + what.get(), cause);
            }
            throw new AssertionError("Unexpected " + cause + " for " + what.get(), cause);
        }
    }

    /** Shortens a text for a failure message. */
    static String shorten(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 600 ? text : text.substring(0, 400) + " …(" + text.length() + " chars)… "
                + text.substring(text.length() - 150);
    }
}
