package org.switchboard.voicemail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.activation.DataSource;

/** A file as a mail attachment's source: opened afresh for each write, so a recording is streamed, never held in memory. */
final class PathDataSource implements DataSource {

    private final Path path;
    private final String contentType;

    PathDataSource(Path path, String contentType) {
        this.path = path;
        this.contentType = contentType;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return Files.newInputStream(path);
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        throw new IOException("read-only: " + path);
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getName() {
        return path.getFileName().toString();
    }
}
