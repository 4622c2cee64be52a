package org.liudong.org;

import java.util.Map;
import org.liudong.shared.DomainException;

/** A site's basic record was changed by someone else since the version the editor read. */
public class SiteChangedMeanwhile extends DomainException {

    private final int currentVersion;

    public SiteChangedMeanwhile(long id, int currentVersion) {
        super("Service site " + id + " was changed meanwhile; current version " + currentVersion);
        this.currentVersion = currentVersion;
    }

    public int currentVersion() {
        return currentVersion;
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String type() {
        return "site-changed-meanwhile";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("currentVersion", currentVersion);
    }
}
