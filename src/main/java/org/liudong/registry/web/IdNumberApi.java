package org.liudong.registry.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.liudong.shared.IdNumber;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Checks an ID number without looking anybody up. */
@RestController
@Tag(name = "Ledger")
class IdNumberApi {

    record Value(String value) {}

    @PostMapping("/api/v1/id-numbers/check")
    @Operation(summary = "Validate and normalise an ID number (GB 11643); derive birth date, sex, address code")
    IdNumber.Check check(@RequestBody Value value) {
        return IdNumber.check(value == null ? null : value.value());
    }
}
