package dev.framesmith.local.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The gateway's own errors (a malformed request, headers too large, a body too slow) as problem details. Each
 * ends its connection, so the answer says {@code Connection: close}: a keep-alive client then opens a new
 * connection for its next request instead of sending it on one that is already closed.
 */
final class ProblemErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        String reason = HttpStatus.getMessage(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        response.write(true, ByteBuffer.wrap(Problems.json(code, Problems.slug(code), reason, reason + ".")
                .getBytes(StandardCharsets.UTF_8)), callback);
    }
}
