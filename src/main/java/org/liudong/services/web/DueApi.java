package org.liudong.services.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.liudong.services.DueLists;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Due lists (本月应服务名单) over the API: a page as JSON, or the whole list as .xlsx. */
@RestController
@Tag(name = "Services")
class DueApi {

    private final DueLists dueLists;
    private final org.liudong.org.OrgUnits orgUnits;

    DueApi(DueLists dueLists, org.liudong.org.OrgUnits orgUnits) {
        this.orgUnits = orgUnits;
        this.dueLists = dueLists;
    }

    /** One line of the answer. */
    record Due(
            long personId,
            String name,
            String communityCode,
            String service,
            LocalDate dueSince,
            boolean overdue,
            String reason,
            LocalDate visitedOn,
            String visitReason) {}

    @GetMapping("/api/v1/org-units/{code}/due")
    @Operation(
            summary = "Who under a unit is due or overdue for which service in a month, with the reason;"
                    + " X-Total-Count gives the whole list's length")
    ResponseEntity<List<Due>> due(
            @PathVariable String code,
            @RequestParam(required = false) YearMonth month,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        var list = dueLists.due(code, month, "api");
        int pageSize = Math.max(1, Math.min(size, 1000));
        int from =
                (int) Math.min((long) Math.max(0, page) * pageSize, list.items().size());
        int to = Math.min(from + pageSize, list.items().size());
        List<Due> items = list.items().subList(from, to).stream()
                .map(i -> new Due(
                        i.personId(),
                        i.name(),
                        i.communityCode(),
                        i.service(),
                        i.dueSince(),
                        i.overdue(),
                        i.reason(),
                        i.visitedOn(),
                        i.visitReason()))
                .toList();
        return ResponseEntity.ok()
                .header("X-Total-Count", String.valueOf(list.items().size()))
                .body(items);
    }

    @GetMapping("/api/v1/org-units/{code}/due.xlsx")
    @Operation(summary = "The whole due list of a unit and month as a spreadsheet")
    ResponseEntity<byte[]> export(@PathVariable String code, @RequestParam(required = false) YearMonth month) {
        var list = dueLists.due(code, month, "api-export");
        return DueSheet.download(list, code, orgUnits, org.liudong.shared.TableFile.Format.XLSX);
    }
}
