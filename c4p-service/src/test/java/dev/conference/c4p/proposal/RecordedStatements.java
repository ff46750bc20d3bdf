package dev.conference.c4p.proposal;

import java.util.ArrayList;
import java.util.List;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Keeps the SQL Hibernate sends, so that a test can ask PostgreSQL how it would run it. */
public class RecordedStatements implements StatementInspector {

    private static final List<String> statements = new ArrayList<>();

    @Override
    public String inspect(String sql) {
        synchronized (statements) {
            statements.add(sql);
        }
        return sql;
    }

    static void clear() {
        synchronized (statements) {
            statements.clear();
        }
    }

    static List<String> all() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }
}
