package org.liudong.registry;

import java.util.List;
import java.util.Map;
import org.liudong.shared.DomainException;

/**
 * Someone else changed the person since the caller read it: the caller's edit is refused, nothing is lost,
 * and the answer carries the current version and what changed meanwhile.
 */
public class StaleVersion extends DomainException {

    private final int currentVersion;
    private final List<HistoryEntry> changes;

    public StaleVersion(int currentVersion, List<HistoryEntry> changes) {
        super("The record changed since you read it; it is now at version " + currentVersion);
        this.currentVersion = currentVersion;
        this.changes = List.copyOf(changes);
    }

    public int currentVersion() {
        return currentVersion;
    }

    public List<HistoryEntry> changes() {
        return changes;
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String type() {
        return "stale-version";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("currentVersion", currentVersion, "changes", changes);
    }
}
