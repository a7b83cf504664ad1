package packos.host.config;

import java.util.Locale;
import java.util.Objects;

/**
 * When the scheduler starts a process again after it ends, and when it stops trying: more than
 * {@code maxRestarts} restarts within {@code withinSeconds} of machine time and it gives up (the
 * way Erlang's supervisors and MINIX 3's reincarnation server bound a crash loop).
 */
public record RestartPolicy(When when, int maxRestarts, int withinSeconds) {
    public static final int DEFAULT_MAX_RESTARTS = 5;
    public static final int DEFAULT_WITHIN_SECONDS = 10;
    public static final RestartPolicy NEVER = new RestartPolicy(When.NEVER, DEFAULT_MAX_RESTARTS, DEFAULT_WITHIN_SECONDS);

    public RestartPolicy {
        Objects.requireNonNull(when, "when");
        if (!Limit.MAX_RESTARTS.contains(maxRestarts)) throw new IllegalArgumentException(Limit.MAX_RESTARTS.outOfRange(Integer.toString(maxRestarts)));
        if (!Limit.WITHIN.contains(withinSeconds)) throw new IllegalArgumentException(Limit.WITHIN.outOfRange(Integer.toString(withinSeconds)));
    }

    /** The values of the {@code restart} key. */
    public enum When {
        NEVER,
        /** After a fault only; a clean exit is the end. */
        ON_FAILURE,
        /** After a fault or a clean exit. */
        ALWAYS;

        static final String EXPECTED = "never, on-failure or always";

        /** The spelling in a boot config: {@code on-failure}. */
        public String text() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

        static When parse(String text) {
            for (var w : values()) if (w.text().equals(text)) return w;
            return null;
        }
    }
}
