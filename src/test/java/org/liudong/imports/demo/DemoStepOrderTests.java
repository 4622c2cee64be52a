package org.liudong.imports.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo's steps: each starts once the steps it reads are done (every step before it, unless it names them), steps
 * that wait for nothing between them run side by side, and a failure stops what has not begun.
 */
class DemoStepOrderTests {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final DemoStep.Context context = new DemoStep.Context(1, 1, new long[0]);

    /** A step that records its start and end; {@code during} runs between them. */
    private DemoStep step(String name, Set<String> after, Runnable during) {
        return new DemoStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(Context c) {
                events.add("start " + name);
                during.run();
                events.add("end " + name);
            }

            @Override
            public Set<String> after() {
                return after;
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS))
                    .as("waited for another step")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void stepsRunSideBySideUnlessOneReadsTheOthersAndAStepThatNamesNoneWaitsForAllBefore() {
        CountDownLatch servicesStarted = new CountDownLatch(1);
        DemoStep agreements = step("agreements", Set.of(), () -> {});
        // the sites end only once the services have begun: the two run side by side
        DemoStep sites = step("sites", Set.of(), () -> await(servicesStarted));
        DemoStep services = step("services", Set.of(), servicesStarted::countDown);
        DemoStep exchange = step("exchange", Set.of("agreements"), () -> {});
        DemoStep scorecards = step("scorecards", null, () -> {});

        DemoDistrict.runSteps(List.of(agreements, sites, services, exchange, scorecards), context);

        assertThat(events).hasSize(10);
        assertThat(events.indexOf("start exchange")).isGreaterThan(events.indexOf("end agreements"));
        assertThat(events.indexOf("start services")).isLessThan(events.indexOf("end sites"));
        assertThat(events.subList(8, 10)).containsExactly("start scorecards", "end scorecards");
    }

    @Test
    void aFailureIsThrownAndTheStepsWaitingForItNeverBegin() {
        DemoStep failing = step("agreements", Set.of(), () -> {
            throw new IllegalStateException("no agreements");
        });
        DemoStep exchange = step("exchange", Set.of("agreements"), () -> {});
        DemoStep scorecards = step("scorecards", null, () -> {});

        assertThatThrownBy(() -> DemoDistrict.runSteps(List.of(failing, exchange, scorecards), context))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no agreements");
        assertThat(events).containsExactly("start agreements");
    }

    @Test
    void aStepWaitingForAStepThereIsNotIsRefusedBeforeAnyRuns() {
        DemoStep sites = step("sites", Set.of(), () -> {});
        DemoStep exchange = step("exchange", Set.of("agreements"), () -> {});

        assertThatThrownBy(() -> DemoDistrict.runSteps(List.of(sites, exchange), context))
                .hasMessageContaining("exchange waits for a step there is not");
        assertThat(events).isEmpty();
    }
}
