package org.liudong.imports.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo's steps write in their order; the steps that set up run before any work ahead starts, and the work ahead
 * runs on another thread while the steps before it write.
 */
class DemoStepOrderTests {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final DemoStep.Context context = new DemoStep.Context(1, 1, new long[0]);

    /** A step that writes (records "write name") in its turn, optionally setting up or working ahead. */
    private DemoStep step(String name, boolean setsUp, boolean worksAhead, CountDownLatch aheadMayEnd) {
        return new DemoStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(Context c) {
                events.add("write " + name);
            }

            @Override
            public boolean setsUp() {
                return setsUp;
            }

            @Override
            public boolean worksAhead() {
                return worksAhead;
            }

            @Override
            public Runnable ahead(Context c) {
                events.add("ahead " + name + (Thread.currentThread().getName().equals("main") ? " on main" : ""));
                try {
                    assertThat(aheadMayEnd.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return () -> events.add("write " + name + " after ahead");
            }
        };
    }

    @Test
    void setUpFirstThenTheWorkAheadBesideTheStepsBeforeItAndEveryWriteInOrder() {
        CountDownLatch sitesWritten = new CountDownLatch(1);
        DemoStep sites = new DemoStep() {
            @Override
            public String name() {
                return "sites";
            }

            @Override
            public void run(Context c) {
                // the services' work ahead started while the sites are written
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!events.contains("ahead services") && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                events.add("write sites");
                sitesWritten.countDown();
            }
        };
        CountDownLatch free = new CountDownLatch(0);
        DemoDistrict.runSteps(
                List.of(
                        sites,
                        step("services", false, true, sitesWritten),
                        step("agreements", true, false, free),
                        step("exchange", false, true, free),
                        step("scorecards", false, false, free)),
                context);

        assertThat(events)
                .containsSubsequence(
                        "write agreements",
                        "ahead services",
                        "write sites",
                        "write services after ahead",
                        "write exchange after ahead",
                        "write scorecards")
                .contains("ahead exchange")
                .doesNotContain("ahead services on main", "ahead exchange on main");
        assertThat(events.indexOf("write agreements")).isZero();
        assertThat(events.indexOf("ahead exchange")).isGreaterThan(events.indexOf("ahead services"));
    }

    @Test
    void aFailureAheadFailsTheStepInItsTurnAndNothingAfterItIsWritten() {
        DemoStep failing = new DemoStep() {
            @Override
            public String name() {
                return "services";
            }

            @Override
            public void run(Context c) {
                ahead(c).run();
            }

            @Override
            public boolean worksAhead() {
                return true;
            }

            @Override
            public Runnable ahead(Context c) {
                throw new IllegalStateException("no persons");
            }
        };
        CountDownLatch free = new CountDownLatch(0);
        assertThatThrownBy(() -> DemoDistrict.runSteps(
                        List.of(step("sites", false, false, free), failing, step("scorecards", false, false, free)),
                        context))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no persons");
        assertThat(events).containsExactly("write sites");
    }
}
