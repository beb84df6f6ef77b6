package org.switchboard.hub.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The built-in admin's password: from SWITCHBOARD_ADMIN_PASSWORD, else the one generated at the first start and kept
 * in {@code admin-password} beside the database's data. The hub sets the stored user admin to it at each start, so this
 * stays the way back in.
 *
 * @param generated whether it was generated just now (and is shown once)
 */
public record AdminPassword(String password, boolean generated) {

    /** The file that holds the generated password, in the hub's data folder. */
    public static Path file(Path dataDir) {
        return dataDir.resolve("admin-password");
    }

    /** Reads it from the environment or the file, or generates and keeps one. */
    public static AdminPassword resolve(Path dataDir) throws IOException {
        String fromEnv = System.getenv("SWITCHBOARD_ADMIN_PASSWORD");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new AdminPassword(fromEnv.trim(), false);
        }
        Path file = file(dataDir);
        if (Files.isRegularFile(file)) {
            return new AdminPassword(Files.readString(file).trim(), false);
        }
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Files.createDirectories(file.getParent());
        Files.writeString(file, password + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps its default permissions
        }
        return new AdminPassword(password, true);
    }

    @Override
    public String toString() {
        return "AdminPassword[***]";
    }
}
