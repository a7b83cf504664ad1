package packos.samples.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MimeTypesTest {
    @ParameterizedTest
    @CsvSource({
            "/index.html, text/html",
            "/old.HTM, text/html",
            "/page.xhtml, application/xhtml+xml",
            "/foo.txt, text/plain",
            "/style.css, text/css",
            "/app.js, text/javascript",
            "/data.json, application/json",
            "/feed.xml, application/xml",
            "/glider.svg, image/svg+xml",
            "/favicon.png, image/png",
            "/a.gif, image/gif",
            "/photo.jpg, image/jpeg",
            "/photo.JPEG, image/jpeg",
            "/favicon.ico, image/vnd.microsoft.icon",
            "/archive.tar.gz, application/octet-stream",
            "/README, application/octet-stream",
            "/.profile, application/octet-stream",
            "/dir.html/file, application/octet-stream",
            "/trailing., application/octet-stream"})
    void typeComesFromTheExtensionOfTheLastNameInAnyCase(String path, String type) {
        assertEquals(type, MimeTypes.of(path));
    }
}
