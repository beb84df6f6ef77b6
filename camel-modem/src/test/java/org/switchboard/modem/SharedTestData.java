package org.switchboard.modem;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Finds ../shared/testdata, the conformance data kept beside the project; tests skip with a message without it. */
public final class SharedTestData {
    private SharedTestData() {
    }

    public static Path require(String relative) {
        String root = System.getProperty("switchboard.shared", "../../shared");
        Path path = Path.of(root, "testdata", relative);
        Assumptions.assumeTrue(Files.exists(path), "shared test data not found at " + path + ": skipped");
        return path;
    }
}
