package org.scalefit.spark;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.scalefit.core.data.Column;
import org.scalefit.core.data.Groups;
import org.scalefit.core.data.NumberCells;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.law.Law;
import org.scalefit.core.pipeline.GroupRows;

/**
 * Between Spark rows and core tables: a group's rows become a {@link RunTable} exactly as a CSV of them would
 * (numbers where every cell is one, a null an empty cell, each row's line its 1-based input row number), and
 * core result rows ({@link GroupRows}) become Spark rows of a schema built from {@link GroupRows#columns}.
 */
public final class SparkTables {
    /** The column that carries each input row's 0-based position through the shuffle. */
    public static final String ROW_ID = "__scalefit_row";
    /** Result columns that hold counts (the other numeric columns hold reals). */
    private static final Set<String> COUNTS = Set.of("rows", "points", "starts", "starts_at_optimum", "seed",
            "resamples");

    private SparkTables() {
    }

    /** Whether a Spark column holds numbers (a group column of such a type is numeric in the results). */
    public static boolean numeric(DataType type) {
        return type instanceof NumericType;
    }

    /** The group columns of {@code input} whose type is numeric; a missing one is an error naming the columns. */
    public static Set<String> numericGroups(StructType input, List<String> groupBy) {
        Set<String> names = new LinkedHashSet<>(List.of(input.fieldNames()));
        Set<String> out = new LinkedHashSet<>();
        for (String g : groupBy) {
            if (!names.contains(g)) {
                throw new IllegalArgumentException("missing group column '" + g + "' (the input has: "
                        + String.join(", ", names) + ")");
            }
            if (numeric(input.apply(g).dataType())) {
                out.add(g);
            }
        }
        return out;
    }

    /** The result schema: {@link GroupRows#columns}, counts as longs, other numbers as doubles, text as strings. */
    public static StructType resultSchema(StructType input, List<String> groupBy, List<Law> laws,
                                          boolean bootstrap) {
        return schema(GroupRows.columns(groupBy, numericGroups(input, groupBy), laws, bootstrap), COUNTS);
    }

    /** The Spark schema of a core row layout: {@code counts} as longs, other numbers as doubles, text as strings. */
    public static StructType schema(List<GroupRows.ColumnSpec> columns, Set<String> counts) {
        List<StructField> fields = new ArrayList<>();
        for (GroupRows.ColumnSpec c : columns) {
            DataType t = !c.numeric() ? DataTypes.StringType
                    : counts.contains(c.name()) ? DataTypes.LongType : DataTypes.DoubleType;
            fields.add(DataTypes.createStructField(c.name(), t, true));
        }
        return DataTypes.createStructType(fields);
    }

    /**
     * A core result row as a Spark row of {@code schema}; the group columns take the group's own Spark values
     * ({@code groupValues}, in group-column order) so that they keep the input's types.
     */
    public static Row toRow(Map<String, Object> values, List<Object> groupValues, StructType schema) {
        Object[] cells = new Object[schema.size()];
        StructField[] fields = schema.fields();
        for (int i = 0; i < cells.length; i++) {
            Object v = i < groupValues.size() ? groupValues.get(i) : values.get(fields[i].name());
            cells[i] = convert(v, fields[i].dataType());
        }
        return RowFactory.create(cells);
    }

    private static Object convert(Object v, DataType type) {
        if (v == null) {
            return null;
        }
        if (type == DataTypes.StringType) {
            return v instanceof Double d ? Groups.Key.text(d) : v.toString();
        }
        Double d = v instanceof Number n ? Double.valueOf(n.doubleValue()) : NumberCells.parse(v.toString());
        if (d == null) {
            return null;
        }
        return type == DataTypes.LongType ? (Object) (v instanceof Number n ? n.longValue() : d.longValue()) : d;
    }

    /**
     * The rows of one group as a core table with the input's columns (not the row id), in input order;
     * {@code rowIdIndex} is the position of {@link #ROW_ID} in each row.
     */
    public static RunTable table(String source, StructType schema, List<Row> rows, int rowIdIndex) {
        int n = rows.size();
        long[] lines = new long[n];
        for (int r = 0; r < n; r++) {
            lines[r] = rows.get(r).getLong(rowIdIndex) + 1;
        }
        List<Column> cols = new ArrayList<>();
        StructField[] fields = schema.fields();
        int position = 0;
        for (int c = 0; c < fields.length; c++) {
            if (c == rowIdIndex) {
                continue;
            }
            position++;
            cols.add(column(fields[c], position, rows, c));
        }
        return new RunTable(source, cols, lines);
    }

    // numbers when every cell is one (a numeric column without nulls, or text that all parses), else text cells
    private static Column column(StructField field, int position, List<Row> rows, int c) {
        int n = rows.size();
        double[] numbers = new double[n];
        String[] text = new String[n];
        int bad = -1;
        boolean numericType = numeric(field.dataType());
        for (int r = 0; r < n; r++) {
            Object v = rows.get(r).get(c);
            Double d;
            if (v == null) {
                text[r] = "";
                d = null;
            } else if (numericType) {
                d = ((Number) v).doubleValue();
                text[r] = Double.toString(d);
            } else {
                text[r] = v.toString();
                d = NumberCells.parse(text[r]);
            }
            if (d == null) {
                if (bad < 0) {
                    bad = r;
                }
            } else {
                numbers[r] = d;
            }
        }
        return bad < 0 ? Column.numeric(field.name(), position, numbers)
                : Column.text(field.name(), position, text, bad);
    }

    /**
     * The core key of a group from its Spark values: numbers for numeric group columns, stripped text else (a
     * null is an empty cell), as {@link Groups#split} names the group of a CSV.
     */
    public static Groups.Key key(List<String> groupBy, List<Object> values) {
        List<Object> k = new ArrayList<>(values.size());
        for (Object v : values) {
            k.add(v instanceof Number n ? (Object) n.doubleValue() : v == null ? "" : v.toString().strip());
        }
        return new Groups.Key(groupBy, k);
    }

    /** {@code runs} with {@link #ROW_ID}: each row's 0-based position in the input, so failures can name it. */
    public static Dataset<Row> withRowIds(Dataset<Row> runs) {
        if (List.of(runs.schema().fieldNames()).contains(ROW_ID)) {
            throw new IllegalArgumentException("the input has a column named " + ROW_ID + ", which the job uses");
        }
        StructType schema = runs.schema().add(ROW_ID, DataTypes.LongType, false);
        JavaRDD<Row> numbered = runs.javaRDD().zipWithIndex().map(t -> {
            Row r = t._1();
            Object[] v = new Object[r.size() + 1];
            for (int i = 0; i < r.size(); i++) {
                v[i] = r.get(i);
            }
            v[r.size()] = t._2();
            return RowFactory.create(v);
        });
        return runs.sparkSession().createDataFrame(numbered, schema);
    }

    /** A Spark column for a name as it is (dots and spaces are part of it, not paths). */
    public static org.apache.spark.sql.Column col(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    /**
     * A table's error in row terms: a Spark input has rows, not lines, so "SOURCE, line N" becomes "SOURCE,
     * row N" (N is the 1-based input row).
     */
    public static String inRows(String error, String source) {
        String lines = source + ", line ";
        return error != null && error.startsWith(lines) ? source + ", row " + error.substring(lines.length()) : error;
    }
}
