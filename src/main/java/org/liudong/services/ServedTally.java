package org.liudong.services;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.liudong.shared.CopyText;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The served counts (服务人数汇总: {@code served_person} and {@code served_count}, services V8_11) of a bulk load's
 * records, counted by the writer that holds them instead of recounted by the database after the last one (services
 * V8_18). A record's tags and the org paths it counts under are asked of the database's own {@code served_tags} and
 * {@code served_path}, once for each distinct combination: the rules stay in one place. The rows come out in the
 * order of {@code served_person}'s key (person, year, tag, path), so that the key is built from sorted rows.
 */
final class ServedTally {

    /** One person served under a tag in a year and a unit, with the number of qualifying records. */
    record Served(String tag, int year, String path, long personId, int records) {}

    /** The number of persons served under a tag in a year and a unit. */
    record Count(String tag, int year, String path, int persons) {}

    private final List<Served> served;
    private final List<Count> counts;

    private ServedTally(List<Served> served, List<Count> counts) {
        this.served = served;
        this.counts = counts;
    }

    List<Served> served() {
        return served;
    }

    List<Count> counts() {
        return counts;
    }

    /**
     * Counts the records as the served counts' trigger would (the same tags and paths, from the database). Each
     * (year, tag, path) is numbered in the key's order, so a person's cuts are sorted and counted as plain numbers.
     */
    static ServedTally of(JdbcClient jdbc, List<ServiceDemo.Row> rows) {
        Map<String, String[]> tagsOf = new HashMap<>();
        Map<String, String[]> pathsOf = new HashMap<>();
        int firstYear = Integer.MAX_VALUE;
        int lastYear = Integer.MIN_VALUE;
        for (ServiceDemo.Row row : rows) {
            String[] tags = tagsOf.computeIfAbsent(combination(row), k -> tags(jdbc, row));
            if (tags.length > 0) {
                pathsOf.computeIfAbsent(row.orgPath(), p -> paths(jdbc, p));
                firstYear = Math.min(firstYear, row.on().getYear());
                lastYear = Math.max(lastYear, row.on().getYear());
            }
        }
        String[] tagNames = sortedDistinct(tagsOf);
        String[] pathNames = sortedDistinct(pathsOf);
        Map<String, int[]> tagNumbers = numbered(tagsOf, tagNames);
        Map<String, int[]> pathNumbers = numbered(pathsOf, pathNames);
        int tagCount = tagNames.length;
        int pathCount = pathNames.length;
        int[] persons = new int[Math.max(0, lastYear - firstYear + 1) * tagCount * pathCount];

        List<ServiceDemo.Row> byPerson = new ArrayList<>(rows);
        byPerson.sort(Comparator.comparingLong(ServiceDemo.Row::personId));
        List<Served> served = new ArrayList<>();
        int[] cuts = new int[64];
        int n = 0;
        for (int i = 0; i < byPerson.size(); i++) {
            ServiceDemo.Row row = byPerson.get(i);
            int[] tags = tagNumbers.get(combination(row));
            if (tags.length > 0) {
                int[] paths = pathNumbers.get(row.orgPath());
                int year = row.on().getYear() - firstYear;
                for (int tag : tags) {
                    for (int path : paths) {
                        if (n == cuts.length) {
                            cuts = Arrays.copyOf(cuts, n * 2);
                        }
                        cuts[n++] = (year * tagCount + tag) * pathCount + path;
                    }
                }
            }
            if (i + 1 == byPerson.size() || byPerson.get(i + 1).personId() != row.personId()) {
                Arrays.sort(cuts, 0, n);
                for (int from = 0, to; from < n; from = to) {
                    to = from + 1;
                    while (to < n && cuts[to] == cuts[from]) {
                        to++;
                    }
                    int cut = cuts[from];
                    served.add(new Served(
                            tagNames[cut / pathCount % tagCount],
                            firstYear + cut / pathCount / tagCount,
                            pathNames[cut % pathCount],
                            row.personId(),
                            to - from));
                    persons[cut]++;
                }
                n = 0;
            }
        }
        List<Count> counts = new ArrayList<>();
        for (int tag = 0; tag < tagCount; tag++) {
            for (int year = 0; year * tagCount * pathCount < persons.length; year++) {
                for (int path = 0; path < pathCount; path++) {
                    int number = persons[(year * tagCount + tag) * pathCount + path];
                    if (number > 0) {
                        counts.add(new Count(tagNames[tag], firstYear + year, pathNames[path], number));
                    }
                }
            }
        }
        return new ServedTally(served, counts);
    }

    private static String combination(ServiceDemo.Row row) {
        return row.service() + '\t' + row.free() + '\t' + row.inPlace() + '\t' + row.result();
    }

    private static String[] sortedDistinct(Map<String, String[]> values) {
        return values.values().stream()
                .flatMap(Arrays::stream)
                .distinct()
                .sorted()
                .toArray(String[]::new);
    }

    /** Each key's values as their places in {@code names} (sorted). */
    private static Map<String, int[]> numbered(Map<String, String[]> values, String[] names) {
        Map<String, int[]> numbers = new HashMap<>();
        values.forEach((key, v) -> numbers.put(
                key,
                Arrays.stream(v).mapToInt(x -> Arrays.binarySearch(names, x)).toArray()));
        return numbers;
    }

    /** Writes the counts by {@code COPY} in the current transaction (the tables are empty and keyless then). */
    void write(DataSource dataSource) {
        CopyText.write(dataSource, "copy served_person (tag, year, path, person_id, records) from stdin", served, s ->
                new Object[] {s.tag(), s.year(), s.path(), s.personId(), s.records()});
        CopyText.write(dataSource, "copy served_count (tag, year, path, n) from stdin", counts, c ->
                new Object[] {c.tag(), c.year(), c.path(), c.persons()});
    }

    private static String[] tags(JdbcClient jdbc, ServiceDemo.Row row) {
        return jdbc.sql("select served_tags(?, ?, ?, ?)")
                .params(row.service(), row.free(), row.inPlace(), row.result())
                .query((rs, n) -> (String[]) rs.getArray(1).getArray())
                .single();
    }

    private static String[] paths(JdbcClient jdbc, String orgPath) {
        return jdbc.sql("select c.path from (values (served_path(?, 2)), (served_path(?, 3))) as c(path)"
                        + " where c.path is not null")
                .params(orgPath, orgPath)
                .query(String.class)
                .list()
                .toArray(String[]::new);
    }
}
