package dev.framesmith.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * ms-auth's token signing key for the local run: an RSA key made on the first run and kept in the run directory,
 * so that users stay logged in across restarts ({@code --wipe} makes a new one).
 */
final class SigningKey {

    private SigningKey() {
    }

    /** The PKCS#8 PEM in {@code file}, made first if the file does not exist. */
    static String pem(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
                String pem = "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                        + "\n-----END PRIVATE KEY-----\n";
                Files.createDirectories(file.getParent());
                Path temporary = Files.createTempFile(file.getParent(), "signing-key", ".tmp");
                restrict(temporary);
                Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the signing key in " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Owner-only on POSIX file systems; elsewhere the directory's own permissions apply. */
    static void restrict(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
