package org.liudong.eligibility.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.liudong.eligibility.Classification;
import org.liudong.eligibility.ClassificationInput;
import org.liudong.eligibility.Decree555;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Decree 555 classification of given facts, without storing anything. */
@RestController
@Tag(name = "Classification", description = "Who is floating population under Decree 555")
class ClassificationApi {

    private final Decree555 decree555;

    ClassificationApi(Decree555 decree555) {
        this.decree555 = decree555;
    }

    @PostMapping("/api/v1/classification")
    @Operation(summary = "Classify a person's facts (category, article, reason); nothing is stored")
    Classification classify(@RequestBody ClassificationInput input) {
        return decree555.classify(input);
    }
}
