package dev.retort.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommentLiteralsTest {

    @Test
    void quotesInsideACommentAreDoubled() {
        assertThat(CommentLiterals.repair("comment on column users.note is 'it's Bob's'"))
                .isEqualTo("comment on column users.note is 'it''s Bob''s'");
        // the comment 'quoted (with a leading quote) as Hibernate 6.6 writes it
        assertThat(CommentLiterals.repair("comment on table shop.orders is ''quoted'"))
                .isEqualTo("comment on table shop.orders is '''quoted'");
        // a quoted name with a space in it, as @Table(name = "\"my notes\"") gives
        assertThat(CommentLiterals.repair("comment on column \"my notes\".\"the \"\"text\"\"\" is 'don't'"))
                .isEqualTo("comment on column \"my notes\".\"the \"\"text\"\"\" is 'don''t'");
    }

    @Test
    void validLiteralsAndOtherStatementsAreLeftAlone() {
        assertThat(CommentLiterals.repair("comment on table users is 'it''s fine'"))
                .isEqualTo("comment on table users is 'it''s fine'");
        assertThat(CommentLiterals.repair("comment on table users is 'plain'")).isEqualTo(
                "comment on table users is 'plain'");
        assertThat(CommentLiterals.repair("create table t (s varchar(9) check (s in ('a','b')))"))
                .isEqualTo("create table t (s varchar(9) check (s in ('a','b')))");
    }
}
