package org.scalefit.server;

/** A request the API refuses, with the HTTP status and a message that says what to change. */
public class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static ApiException notFound(String what, String id) {
        return new ApiException(404, "no " + what + " with id '" + id + "'");
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }
}
