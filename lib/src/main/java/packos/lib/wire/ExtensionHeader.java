package packos.lib.wire;

/** One extension header the walk passed over: its protocol number, where it starts and how long it is. */
public record ExtensionHeader(int protocol, int offset, int length) {}
