package org.liudong.services;

import java.util.List;
import java.util.Map;
import org.liudong.shared.DomainException;

/** A service the person is not eligible for, with the reasons; an officer may override with a note. */
public class ServiceRefused extends DomainException {

    private final String service;
    private final List<String> reasons;

    public ServiceRefused(String service, List<String> reasons) {
        super("Not eligible for service " + service + ": " + String.join("；", reasons));
        this.service = service;
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }

    @Override
    public int status() {
        return 422;
    }

    @Override
    public String type() {
        return "service-refused";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("service", service, "reasons", reasons, "overridable", true);
    }
}
