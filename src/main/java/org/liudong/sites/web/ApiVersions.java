package org.liudong.sites.web;

import org.liudong.shared.InvalidInput;

/** Reads the version a client sent in If-Match. */
final class ApiVersions {

    private ApiVersions() {}

    static int parse(String ifMatch) {
        try {
            return Integer.parseInt(ifMatch.replace("W/", "").replace("\"", "").strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("If-Match", "If-Match must be the version number you read");
        }
    }
}
