package org.liudong.imports.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;

/**
 * One run of the demo's {@link DemoStep}s. Each step starts once the steps it reads ({@link DemoStep#after}) are done,
 * in their order among those ready, at most {@link #SIDE_BY_SIDE} side by side, each on a thread with the caller's
 * sign-in. The steps that read no persons ({@link DemoStep#readsPersons}) may start with {@link #start}, while the
 * persons are still being written; the others once {@link #finish} gives the persons. A failure stops the steps not
 * yet begun and is thrown by {@link #finish} once the running ones have stopped.
 */
final class DemoSteps {

    private static final Logger log = LoggerFactory.getLogger(DemoSteps.class);

    /** How many steps run side by side at most: one beside another on two cores. */
    static final int SIDE_BY_SIDE = 2;

    private final Map<String, Set<String>> waitsFor = new LinkedHashMap<>();
    private final List<DemoStep> waiting;
    private final Set<String> finished = new HashSet<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(SIDE_BY_SIDE);
    private int running;
    private Throwable failure;
    /** The context of the steps that read no persons, once they may start. */
    private DemoStep.Context early;
    /** The context with the persons, once they are written. */
    private DemoStep.Context persons;

    /** The steps in their order; refuses, before any runs, a step waiting for a step there is not. */
    DemoSteps(List<DemoStep> steps) {
        for (int i = 0; i < steps.size(); i++) {
            Set<String> after = steps.get(i).after();
            waitsFor.put(
                    steps.get(i).name(),
                    after != null
                            ? after
                            : steps.subList(0, i).stream().map(DemoStep::name).collect(Collectors.toSet()));
        }
        waitsFor.forEach((name, after) -> {
            if (!waitsFor.keySet().containsAll(after)) {
                throw new IllegalStateException("Demo step " + name + " waits for a step there is not: " + after);
            }
        });
        this.waiting = new ArrayList<>(steps);
    }

    /** Runs every step with {@code context} and waits for all (the persons are written already). */
    static void run(List<DemoStep> steps, DemoStep.Context context) {
        DemoSteps run = new DemoSteps(steps);
        run.start(context);
        run.finish(context);
    }

    /** Starts the steps that read no persons, with {@code context} (which has no person ids). */
    synchronized void start(DemoStep.Context context) {
        early = context;
        submitReady();
    }

    /** Runs the rest with {@code context}, which has the persons; waits for every step and throws a failure. */
    void finish(DemoStep.Context context) {
        try {
            synchronized (this) {
                persons = context;
                submitReady();
                while (failure == null && (!waiting.isEmpty() || running > 0)) {
                    if (running == 0) {
                        failure = new IllegalStateException("Demo steps wait for each other: "
                                + waiting.stream().map(DemoStep::name).toList());
                        break;
                    }
                    wait();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new IllegalStateException("Generating the demo district was interrupted", e);
        }
        Throwable failed;
        synchronized (this) {
            failed = failure;
        }
        if (failed != null) {
            abandon();
            throw failed instanceof RuntimeException r ? r : new IllegalStateException("A demo step failed", failed);
        }
        pool.shutdown();
    }

    /** Begins no more steps and waits for the running ones to stop (when the persons could not be written). */
    void abandon() {
        synchronized (this) {
            if (failure == null) {
                failure = new IllegalStateException("The demo's steps were abandoned");
            }
        }
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                log.warn("Demo steps still running after a step failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts every step that may start now. Holds the lock. */
    private void submitReady() {
        if (failure != null) {
            return;
        }
        for (var it = waiting.iterator(); it.hasNext(); ) {
            DemoStep step = it.next();
            DemoStep.Context context = step.readsPersons() ? persons : (early != null ? early : persons);
            if (context != null && finished.containsAll(waitsFor.get(step.name()))) {
                it.remove();
                running++;
                pool.execute(new DelegatingSecurityContextRunnable(() -> runOne(step, context)));
            }
        }
    }

    private void runOne(DemoStep step, DemoStep.Context context) {
        Throwable failed = null;
        try {
            long started = System.nanoTime();
            step.run(context);
            log.info("Demo step {} took {} ms", step.name(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | Error e) {
            failed = e;
        }
        synchronized (this) {
            running--;
            if (failed != null) {
                if (failure == null) {
                    failure = failed;
                }
            } else {
                finished.add(step.name());
                submitReady();
            }
            notifyAll();
        }
    }
}
