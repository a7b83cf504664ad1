package outside.evil;

import java.nio.charset.Charset;
import java.nio.charset.spi.CharsetProvider;
import java.util.Collections;
import java.util.Iterator;

/** A charset provider named in the jar's META-INF/services: host code if the JDK ever loads it. */
public final class EvilCharsets extends CharsetProvider {
    public EvilCharsets() { Marker.ran("charset provider"); }

    @Override
    public Iterator<Charset> charsets() { return Collections.emptyIterator(); }

    @Override
    public Charset charsetForName(String name) {
        Marker.ran("charset lookup " + name);
        return null;
    }
}
