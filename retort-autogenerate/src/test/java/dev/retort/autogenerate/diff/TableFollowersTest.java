package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.TableFollowers.relatedNames;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which names change the way a renamed table's name does: those Hibernate gives the tables named after it. */
class TableFollowersTest {
    @Test
    void namesAfterTheTableOrTheEntityFollow() {
        assertThat(relatedNames("authors_books", "writers_books", "authors", "writers")).isTrue();
        assertThat(relatedNames("books_authors", "books_writers", "authors", "writers")).isTrue();
        assertThat(relatedNames("author_aliases", "writer_aliases", "authors", "writers")).isTrue();
        assertThat(relatedNames("author_id", "writer_id", "authors", "writers")).isTrue();
        assertThat(relatedNames("author_profile_links", "writer_profile_links", "author_profiles",
                "writer_profiles")).isTrue();
        assertThat(relatedNames("author_aliases", "writer_aliases", "tbl_author", "tbl_writer")).isTrue();
    }

    @Test
    void underJpaNamingTheEntitysNameHasNoUnderscores() {
        assertThat(relatedNames("authorprofile_links", "writerprofile_links", "author_profiles", "writer_profiles"))
                .isTrue();
        assertThat(relatedNames("authorprofile_id", "writerprofile_id", "author_profiles", "writer_profiles"))
                .isTrue();
    }

    @Test
    void otherChangesDoNotFollow() {
        assertThat(relatedNames("post_tags", "writer_tags", "authors", "writers")).isFalse();
        assertThat(relatedNames("author_aliases", "writer_nicknames", "authors", "writers")).isFalse();
        // The renamed table itself has no words of its own: it is the owner, not a follower.
        assertThat(relatedNames("authors", "writers", "authors_books", "writers_books")).isFalse();
        assertThat(relatedNames("author_aliases", "author_aliases", "authors", "writers")).isFalse();
    }
}
