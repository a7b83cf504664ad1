package packos.host.config;

import packos.machine.wire.WireSpec;

/**
 * The wire of the board's network card as the user names it, on the command line ({@code --wire})
 * or in a boot config ({@code machine wire=}): one parse, one set of messages for both.
 */
public final class CardWire {
    private CardWire() {}

    /**
     * @throws IllegalArgumentException with the wire parser's message, or saying that a kind the
     *         parser knows has no backend yet (user-mode networking)
     */
    public static WireSpec.Backed parse(String text) {
        return switch (WireSpec.parse(text)) {
            case WireSpec.Backed b -> b;
            case WireSpec.User u -> throw new IllegalArgumentException("user-mode networking is not yet available (use none, loopback, tap:IFNAME or udp:LOCAL,REMOTE)");
        };
    }
}
