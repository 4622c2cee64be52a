package org.liudong;

import org.junit.jupiter.api.Tag;

/** The long variant of {@link CrashSafetyTests}: three kills in a row, each in the middle of a 100,000-row import. */
@Tag("bench")
class CrashSafetyBenchmark extends CrashSafetyTests {

    @Override
    protected int rounds() {
        return Integer.getInteger("crash.rounds", 3);
    }

    @Override
    protected int importRows() {
        return Integer.getInteger("crash.import-rows", 100_000);
    }
}
