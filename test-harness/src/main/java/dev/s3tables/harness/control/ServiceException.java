package dev.s3tables.harness.control;

import static java.util.Objects.requireNonNull;

/** A control-plane error, with the HTTP status and the error type the service answers it with. */
final class ServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;

  ServiceException(int status, String type, String message) {
    super(requireNonNull(message, "message"), null, false, false);
    this.status = status;
    this.type = requireNonNull(type, "type");
  }

  static ServiceException badRequest(String message) {
    return new ServiceException(400, "BadRequestException", message);
  }

  static ServiceException notFound(String message) {
    return new ServiceException(404, "NotFoundException", message);
  }

  static ServiceException conflict(String message) {
    return new ServiceException(409, "ConflictException", message);
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }
}
