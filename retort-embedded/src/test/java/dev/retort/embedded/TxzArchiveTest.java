package dev.retort.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class TxzArchiveTest {
    @TempDir
    Path target;

    @Test
    void extractsFilesDirectoriesAndLinksWithFixedPermissions() throws IOException {
        byte[] archive = txz(tar -> {
            file(tar, "bin/tool", 0700, "#!/bin/sh\n");
            file(tar, "share/notes.txt", 0600, "notes");
            TarArchiveEntry link = new TarArchiveEntry("bin/alias", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("tool");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        });

        TxzArchive.extract(new ByteArrayInputStream(archive), target);

        assertThat(target.resolve("share/notes.txt")).hasContent("notes");
        assertThat(Files.getPosixFilePermissions(target.resolve("bin/tool"))).hasSize(7);
        assertThat(Files.getPosixFilePermissions(target.resolve("share/notes.txt"))).hasSize(4);
        assertThat(Files.getPosixFilePermissions(target.resolve("share"))).hasSize(7);
        assertThat(Files.readSymbolicLink(target.resolve("bin/alias"))).isEqualTo(Path.of("tool"));
    }

    @Test
    void refusesEntriesThatLeaveTheTarget() throws IOException {
        byte[] archive = txz(tar -> file(tar, "../escaped", 0644, "x"));

        assertThatThrownBy(() -> TxzArchive.extract(new ByteArrayInputStream(archive), target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("../escaped");
        assertThat(target.resolveSibling("escaped")).doesNotExist();
    }

    private interface TarWriter {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static byte[] txz(TarWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options()))) {
            writer.write(tar);
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, int mode, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(mode);
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }
}
