package dev.s3tables.harness.storage;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Table storage as S3 Tables has it: objects can be written and read, but DeleteObject is refused
 * (the service removes unreferenced files with its own maintenance).
 */
final class TableStorageBlobStore extends ForwardingBlobStore {
  static final String SUFFIX = "--table-s3";

  TableStorageBlobStore(BlobStore delegate) {
    super(delegate);
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    if (isTableStorage(request.bucket())) {
      throw accessDenied(request.bucket() + "/" + request.key());
    }
    return super.removeBlob(request);
  }

  @Override
  public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
    if (isTableStorage(request.bucket())) {
      throw accessDenied(request.bucket());
    }
    return super.removeBlobs(request);
  }

  static boolean isTableStorage(String bucket) {
    return bucket != null && bucket.endsWith(SUFFIX);
  }

  private static S3Exception accessDenied(String resource) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(403)
            .message("Access Denied: S3 Tables does not allow DeleteObject on table storage (" + resource + ")")
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("AccessDenied")
                    .errorMessage("S3 Tables does not allow DeleteObject on table storage")
                    .build())
            .build();
  }
}
