package org.najm.science.delivery;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A multipart/form-data body (RFC 7578) of text fields, as the MPC's submission interface takes
 * it. The JDK's HTTP client sends it; it only lacks a builder for this body format.
 */
final class MultipartForm {

    private final String boundary = "najm-" + UUID.randomUUID();
    private final Map<String, String> fields = new LinkedHashMap<>();
    private String fileField;
    private String fileName;
    private String fileContent;

    MultipartForm field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    /** A field sent as an uploaded file (the ADES document). */
    MultipartForm file(String name, String filename, String content) {
        this.fileField = name;
        this.fileName = filename;
        this.fileContent = content;
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] body() {
        StringBuilder b = new StringBuilder();
        fields.forEach((name, value) -> b.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        if (fileField != null) {
            b.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(fileField).append("\"; filename=\"")
                    .append(fileName).append("\"\r\n")
                    .append("Content-Type: application/xml; charset=UTF-8\r\n\r\n")
                    .append(fileContent).append("\r\n");
        }
        b.append("--").append(boundary).append("--\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
