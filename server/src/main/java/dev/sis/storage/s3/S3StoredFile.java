package dev.sis.storage.s3;

import dev.sis.storage.RemoteStoreException;
import dev.sis.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * An object in the bucket, read on demand (a ranged GET for a part of it). Stored objects never
 * change, so the size learned from the lookup stays true.
 */
record S3StoredFile(S3Client s3, S3Failures failures, String bucket, String key, long size) implements StoredFile {

    /**
     * @throws NoSuchFileException  when the object is gone since the lookup (a variant removed meanwhile)
     * @throws RemoteStoreException when S3 fails
     */
    @Override
    public InputStream open(long offset, long length) throws IOException {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IllegalArgumentException("range outside the file");
        }
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
        if (offset != 0 || length != size) {
            request.range("bytes=" + offset + "-" + (offset + length - 1));
        }
        try {
            return s3.getObject(request.build());
        } catch (NoSuchKeyException gone) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw failures.translate(e, "reading a file");
        }
    }
}
