package packos.host.config;

import packos.machine.wire.WireSpec;

/**
 * The wire of the board's network card as the user names it, on the command line ({@code --wire})
 * or in a boot config ({@code machine wire=}): one parse, one set of messages for both.
 */
public final class CardWire {
    private CardWire() {}

    /**
     * Every kind the parser knows has a backend: {@link WireSpec.Backed} ones open themselves,
     * {@code user} is opened by {@code Boot} through {@code packos.host.usernet.UserNetwork}.
     *
     * @throws IllegalArgumentException with the wire parser's message
     */
    public static WireSpec parse(String text) {
        return WireSpec.parse(text);
    }
}
