package org.liudong.divisions.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.liudong.divisions.Division;
import org.liudong.divisions.Divisions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Division lookup over REST. */
@RestController
@RequestMapping("/api/v1/divisions")
@Tag(name = "Divisions", description = "Administrative divisions (行政区划) by GB/T 2260 code")
class DivisionController {

    private final Divisions divisions;

    DivisionController(Divisions divisions) {
        this.divisions = divisions;
    }

    @GetMapping("/{code}")
    @Operation(summary = "A division by code; abolished county-level codes resolve as historical")
    Division division(@PathVariable String code) {
        return divisions.get(code);
    }

    @GetMapping("/{code}/children")
    @Operation(summary = "The current divisions directly under a division")
    List<Division> children(@PathVariable String code) {
        return divisions.children(code);
    }
}
