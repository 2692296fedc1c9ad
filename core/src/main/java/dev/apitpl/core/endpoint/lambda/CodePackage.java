package dev.apitpl.core.endpoint.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function's uploaded code: the zip (or jar) bytes as sent, with AWS's {@code CodeSha256} (base64 of the SHA-256)
 * and {@code CodeSize}.
 */
final class CodePackage {

    private final byte[] bytes;
    private final String sha256;

    private CodePackage(byte[] bytes, String sha256) {
        this.bytes = bytes;
        this.sha256 = sha256;
    }

    /** Checks that {@code bytes} is a readable zip with at least one entry, as AWS does on upload. */
    static CodePackage of(byte[] bytes) {
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            while (zip.getNextEntry() != null) {
                entries++;
            }
        } catch (IOException | IllegalArgumentException e) {
            entries = 0;
        }
        if (entries == 0) {
            throw LambdaError.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
        return new CodePackage(bytes, Base64.getEncoder().encodeToString(digest(bytes)));
    }

    byte[] bytes() {
        return bytes;
    }

    String sha256() {
        return sha256;
    }

    /** The SHA-256 in hex: a name safe for paths and URLs. */
    String hexSha256() {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(sha256));
    }

    long size() {
        return bytes.length;
    }

    /**
     * Unpacks the code into {@code root/<sha>} once, as AWS unpacks it into {@code /var/task}; entries that would
     * land outside that folder are skipped.
     */
    synchronized Path unpackInto(Path root) {
        Path dir = root.resolve(hexSha256());
        if (Files.isDirectory(dir)) {
            return dir;
        }
        try {
            Path partial = Files.createTempDirectory(root, "unpack-");
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    Path target = partial.resolve(entry.getName()).normalize();
                    if (!target.startsWith(partial)) {
                        continue;
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        copy(zip, target);
                    }
                }
            }
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the function code into " + root + ": " + e.getMessage(), e);
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
