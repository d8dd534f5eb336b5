package org.scalefit.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table split into the groups of its rows that share the values of some columns ({@code --group-by
 * dataset,eval}): one sub-table per distinct key, in key order (numbers numerically, text as text), each row
 * keeping its source line so that errors inside a group still point at the user's file.
 */
public final class Groups {
    /** More groups than this in one table is a mistyped column (a group per row of a million-row file is not). */
    public static final int MAX_GROUPS = 1_000_000;

    private Groups() {
    }

    /**
     * The values that name a group, one per group column: a {@link Double} for a numeric column, else the
     * cell's text.
     */
    public record Key(List<String> columns, List<Object> values) implements Comparable<Key> {
        public Key {
            columns = List.copyOf(columns);
            values = Collections.unmodifiableList(new ArrayList<>(values));
            if (columns.size() != values.size()) {
                throw new IllegalArgumentException("one value per group column expected");
            }
        }

        /** Column → value, in the group columns' order. */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                m.put(columns.get(i), values.get(i));
            }
            return m;
        }

        /** {@code dataset=rpj, eval=c4}: how the group is named in tables and messages. */
        public String label() {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                parts.add(columns.get(i) + "=" + text(values.get(i)));
            }
            return String.join(", ", parts);
        }

        /** A value as it is printed: numbers without a needless ".0" (a group N=1e8 prints as 100000000). */
        public static String text(Object value) {
            if (value instanceof Double d) {
                if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    return Long.toString(d.longValue());
                }
                return d.toString();
            }
            return String.valueOf(value);
        }

        @Override
        public int compareTo(Key o) {
            for (int i = 0; i < values.size(); i++) {
                Object a = values.get(i);
                Object b = o.values.get(i);
                int c = a instanceof Double x && b instanceof Double y ? Double.compare(x, y)
                        : text(a).compareTo(text(b));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    }

    /** One group: its key and its rows (as a table with the same columns). */
    public record Group(Key key, RunTable table) {
    }

    /**
     * Splits {@code table} by the values of {@code columns}; an empty list gives one group holding every row
     * (with an empty key). A missing column is an error naming the file's columns.
     */
    public static List<Group> split(RunTable table, List<String> columns) {
        if (columns.isEmpty()) {
            return List.of(new Group(new Key(List.of(), List.of()), table));
        }
        List<String> names = new ArrayList<>();
        for (String c : columns) {
            String name = c.strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a group column name is empty (give names such as dataset,eval)");
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("the group column '" + name + "' is named twice");
            }
            table.column(name); // located error when missing
            names.add(name);
        }
        Map<List<Object>, List<Integer>> rows = new LinkedHashMap<>();
        for (int r = 0; r < table.rowCount(); r++) {
            List<Object> key = new ArrayList<>(names.size());
            for (String name : names) {
                Column c = table.column(name);
                key.add(c.isNumeric() ? (Object) c.numbers()[r] : Objects.requireNonNullElse(c.text()[r], "").strip());
            }
            List<Integer> list = rows.get(key);
            if (list == null) {
                if (rows.size() >= MAX_GROUPS) {
                    throw new IllegalArgumentException("grouping by " + String.join(", ", names) + " makes more than "
                            + MAX_GROUPS + " groups; is a column such as N or loss among the group columns?");
                }
                list = new ArrayList<>();
                rows.put(key, list);
            }
            list.add(r);
        }
        List<Group> groups = new ArrayList<>(rows.size());
        rows.forEach((key, list) -> groups.add(new Group(new Key(names, key),
                table.rows(list.stream().mapToInt(Integer::intValue).toArray()))));
        groups.sort(Comparator.comparing(Group::key));
        return List.copyOf(groups);
    }
}
