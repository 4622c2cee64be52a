package org.liudong.org.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The org tree over the API, limited to the caller's scope. */
@RestController
@RequestMapping("/api/v1/org-units")
@Tag(name = "Org tree", description = "Districts, streets and communities within your scope")
class OrgUnitApi {

    private final OrgUnits orgUnits;

    OrgUnitApi(OrgUnits orgUnits) {
        this.orgUnits = orgUnits;
    }

    @GetMapping("/{code}")
    @Operation(summary = "One org unit, if it lies within your scope")
    OrgUnitView get(@PathVariable String code) {
        return OrgUnitView.of(orgUnits.visible(code));
    }

    @GetMapping("/{code}/children")
    @Operation(summary = "The children of an org unit within your scope")
    List<OrgUnitView> children(@PathVariable String code) {
        return orgUnits.visibleChildren(code).stream().map(OrgUnitView::of).toList();
    }

    record OrgUnitView(String code, String name, String level, String parentCode, String path) {

        static OrgUnitView of(OrgUnit unit) {
            return new OrgUnitView(
                    unit.code(),
                    unit.name(),
                    unit.level().name(),
                    unit.parentCode(),
                    unit.path().value());
        }
    }
}
