package packos.samples.httpd;

import java.nio.charset.StandardCharsets;

/**
 * One page the checking client asks for: the URL path it sends, the docroot file whose bytes
 * must come back, and the request as it goes on the wire.
 */
record Fetch(String url, String file) {
    byte[] request(String host) {
        return ("GET " + url + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: packos-httpcheck/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
