package dev.retort.introspect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.IndexElement;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Indexes that no constraint owns: elements, sort and nulls order, operator classes, INCLUDE, predicates. */
class IndexesTest {
    private static final String DOCS = """
            create extension pg_trgm;
            create extension btree_gist;
            create domain short_text as text;
            create type mood as enum ('sad', 'happy');
            create table docs (
                id int primary key,
                title varchar(200),
                body text,
                summary short_text,
                tags text[],
                rank int unique,
                created date,
                state mood,
                period int4range
            );
            alter table docs add constraint ex_rank exclude using gist (rank with =);
            create table refs (doc int references docs);
            create index ix_plain on docs (created);
            create index ix_desc on docs (created desc, rank nulls first);
            create index ix_nulls_last on docs (created desc nulls last, rank asc nulls last);
            create index ix_expr on docs (lower(body), (rank + 1));
            create index ix_pattern on docs (title varchar_pattern_ops, body text_pattern_ops);
            create index ix_default_ops on docs (title text_ops, body text_ops, summary text_ops);
            create index ix_gin on docs using gin (tags);
            create index ix_gin_expr on docs using gin ((array[rank, id]));
            create index ix_trgm on docs using gin (body gin_trgm_ops);
            create index ix_trgm_expr on docs using gin (lower(body) gin_trgm_ops);
            create unique index ix_cover on docs (title) include (rank, created) where rank > 0;
            create index ix_hash on docs using hash (body);
            create index ix_kinds on docs (state, tags, period, title bpchar_ops);
            """;

    /** Expressions read as pg_get_indexdef() prints them: parenthesised unless a function call. */
    @Test
    void readsEachKindOfIndexAndLeavesOutThoseOfConstraints() {
        Table docs = Catalog.introspect(DOCS).table(QualifiedName.of("docs")).orElseThrow();

        assertThat(docs.indexes()).containsExactly(
                new Index("ix_cover", true, "btree", List.of(IndexElement.column("title")),
                        List.of("rank", "created"), "(rank > 0)"),
                index("ix_default_ops", "btree",
                        IndexElement.column("title"), IndexElement.column("body"), IndexElement.column("summary")),
                index("ix_desc", "btree",
                        IndexElement.column("created").desc(), IndexElement.column("rank").nullsFirst()),
                index("ix_expr", "btree",
                        IndexElement.expression("lower(body)"), IndexElement.expression("(rank + 1)")),
                index("ix_gin", "gin", IndexElement.column("tags")),
                index("ix_gin_expr", "gin", IndexElement.expression("(ARRAY[rank, id])")),
                index("ix_hash", "hash", IndexElement.column("body")),
                index("ix_kinds", "btree", IndexElement.column("state"), IndexElement.column("tags"),
                        IndexElement.column("period"), IndexElement.column("title").operatorClass("bpchar_ops")),
                index("ix_nulls_last", "btree",
                        IndexElement.column("created").desc().nullsLast(), IndexElement.column("rank")),
                index("ix_pattern", "btree", IndexElement.column("title").operatorClass("varchar_pattern_ops"),
                        IndexElement.column("body").operatorClass("text_pattern_ops")),
                index("ix_plain", "btree", IndexElement.column("created")),
                index("ix_trgm", "gin", IndexElement.column("body").operatorClass("gin_trgm_ops")),
                index("ix_trgm_expr", "gin", IndexElement.expression("lower(body)").operatorClass("gin_trgm_ops")));
    }

    @Test
    void showsAnOperatorClassExactlyWhenPostgresPrintsOne() throws SQLException {
        String url = Catalog.databaseWith(DOCS);
        Table docs = Catalog.read(url, Catalog.DEFAULT).table(QualifiedName.of("docs")).orElseThrow();

        try (Connection connection = Catalog.connect(url); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select c.relname, pg_get_indexdef(c.oid) from pg_index i "
                     + "join pg_class c on c.oid = i.indexrelid where i.indrelid = 'docs'::regclass")) {
            while (rows.next()) {
                String name = rows.getString(1);
                String definition = rows.getString(2);
                docs.indexes().stream().filter(index -> index.name().equals(name)).findFirst().ifPresent(index -> {
                    boolean printed = definition.substring(definition.indexOf(" USING ")).contains("_ops");
                    boolean read = index.elements().stream().anyMatch(element -> element.operatorClass() != null);
                    assertThat(read).as(definition).isEqualTo(printed);
                });
            }
        }
    }

    private static Index index(String name, String method, IndexElement... elements) {
        return new Index(name, false, method, List.of(elements), List.of(), null);
    }
}
