package dev.streamingadaptive.tpch;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * TPC-H data as Parquet files, one per table ({@code lineitem.parquet}, {@code orders.parquet}, …), made
 * with the maintained Java generator ({@code io.trino.tpch}, the one Trino uses) and written by DuckDB:
 * the generator's rows go to a CSV file, DuckDB loads it with the standard column types (keys BIGINT,
 * money DECIMAL(15,2), dates DATE) and writes Parquet with zstd and row groups of 122,880 rows (its
 * default). The files are made once per directory and scale factor and reused.
 */
public final class TpchData {
    private TpchData() {}

    /** The eight tables at {@code scaleFactor} in {@code dir} (made now unless already there); returns {@code dir}. */
    public static Path write(Path dir, double scaleFactor) {
        try {
            Files.createDirectories(dir);
            Path done = dir.resolve(".complete-sf" + scaleFactor);
            if (Files.exists(done)) return dir;
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
                for (TpchTable<?> table : TpchTable.getTables()) writeTable(s, dir, table, scaleFactor);
            }
            Files.writeString(done, "");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("writing TPC-H data with DuckDB failed", e);
        }
    }

    /** The Parquet file of one table (its TPC-H name: lineitem, orders, customer, part, partsupp, supplier, nation, region). */
    public static Path file(Path dir, String table) {
        return dir.resolve(table + ".parquet");
    }

    private static <E extends TpchEntity> void writeTable(Statement s, Path dir, TpchTable<E> table, double scaleFactor)
            throws IOException, SQLException {
        String name = table.getTableName();
        Path csv = dir.resolve(name + ".csv.tmp");
        List<TpchColumn<E>> columns = table.getColumns();
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            StringBuilder line = new StringBuilder();
            for (E row : table.createGenerator(scaleFactor, 1, 1)) {
                line.setLength(0);
                for (int i = 0; i < columns.size(); i++) {
                    if (i > 0) line.append('|');
                    TpchColumn<E> col = columns.get(i);
                    switch (col.getType().getBase()) {
                        case INTEGER -> line.append(col.getInteger(row));
                        case IDENTIFIER -> line.append(col.getIdentifier(row));
                        case DATE -> line.append(col.getDate(row));
                        case DOUBLE -> line.append(col.getDouble(row));
                        case VARCHAR -> line.append(col.getString(row));
                    }
                }
                w.append(line).append('\n');
            }
        }
        List<String> staged = new ArrayList<>();
        List<String> converted = new ArrayList<>();
        for (TpchColumn<E> col : columns) {
            String n = col.getColumnName();
            switch (col.getType().getBase()) {
                case INTEGER -> { staged.add("'" + n + "': 'INTEGER'"); converted.add(n); }
                case IDENTIFIER -> { staged.add("'" + n + "': 'BIGINT'"); converted.add(n); }
                case DATE -> { staged.add("'" + n + "': 'INTEGER'"); converted.add("(DATE '1970-01-01' + " + n + ") AS " + n); }
                case DOUBLE -> { staged.add("'" + n + "': 'DOUBLE'"); converted.add("round(" + n + ", 2)::DECIMAL(15,2) AS " + n); }
                case VARCHAR -> { staged.add("'" + n + "': 'VARCHAR'"); converted.add(n); }
            }
        }
        Path target = file(dir, name);
        Path tmp = dir.resolve(name + ".parquet.tmp");
        s.execute("COPY (SELECT " + String.join(", ", converted) + " FROM read_csv('" + csv + "', delim = '|', header = false, quote = '', "
                + "escape = '', columns = {" + String.join(", ", staged) + "})) TO '" + tmp + "' (FORMAT parquet, COMPRESSION zstd)");
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.delete(csv);
    }
}
