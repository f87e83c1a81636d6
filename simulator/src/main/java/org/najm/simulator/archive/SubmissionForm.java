package org.najm.simulator.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpData;
import io.netty.handler.codec.http.multipart.HttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;

/**
 * The fields of a POST /submit body, decoded by Netty's {@link HttpPostRequestDecoder}
 * (multipart/form-data as the MPC expects, url-encoded also works). A field may be a plain form field or a
 * file upload part (curl {@code -F source=@file.xml}); either way its raw bytes are kept, so the stored
 * source is exactly what was sent.
 */
final class SubmissionForm {

    /** In memory: the aggregator already bounds the body. */
    private static final HttpDataFactory MEMORY = new DefaultHttpDataFactory(false);

    private final Map<String, byte[]> fields;

    private SubmissionForm(Map<String, byte[]> fields) {
        this.fields = fields;
    }

    /** @throws IllegalArgumentException for a body that is not a decodable form */
    static SubmissionForm decode(FullHttpRequest request) {
        HttpPostRequestDecoder decoder;
        try {
            decoder = new HttpPostRequestDecoder(MEMORY, request);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw new IllegalArgumentException("not a form body: " + e.getMessage(), e);
        }
        try {
            Map<String, byte[]> fields = new HashMap<>();
            for (InterfaceHttpData d : decoder.getBodyHttpDatas()) {
                // Attribute and FileUpload are both HttpData: the first part of a name wins.
                if (d instanceof HttpData data) {
                    fields.putIfAbsent(d.getName(), data.get());
                }
            }
            return new SubmissionForm(fields);
        } catch (HttpPostRequestDecoder.NotEnoughDataDecoderException e) {
            throw new IllegalArgumentException("truncated form body", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory data: not expected
        } finally {
            decoder.destroy();
        }
    }

    /** Raw bytes of a field, null when absent or empty. */
    byte[] bytes(String name) {
        byte[] b = fields.get(name);
        return b == null || b.length == 0 ? null : b;
    }

    String text(String name) {
        byte[] b = bytes(name);
        return b == null ? null : new String(b, StandardCharsets.UTF_8).trim();
    }
}
