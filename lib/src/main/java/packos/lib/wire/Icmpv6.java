package packos.lib.wire;

import packos.kernel.Address;
import packos.kernel.Packet;

/**
 * An ICMPv6 message (RFC 4443) at an offset in a packet, and the builders of the whole packets a
 * host sends: echo requests, echo replies and errors. {@link ErrorPolicy} says when an error may
 * be sent at all.
 */
public final class Icmpv6 {
    public static final int HEADER_LENGTH = 4;
    /** Errors and echo messages carry a 4-byte field after the checksum. */
    public static final int LENGTH_WITH_BODY_FIELD = 8;

    public static final int DESTINATION_UNREACHABLE = 1;
    public static final int PACKET_TOO_BIG = 2;
    public static final int TIME_EXCEEDED = 3;
    public static final int PARAMETER_PROBLEM = 4;
    public static final int ECHO_REQUEST = 128;
    public static final int ECHO_REPLY = 129;
    /** RFC 4861; listed because RFC 4443 section 2.4(e) forbids answering it with an error. */
    public static final int REDIRECT = 137;

    // Destination Unreachable codes.
    public static final int NO_ROUTE = 0;
    public static final int ADMINISTRATIVELY_PROHIBITED = 1;
    public static final int BEYOND_SCOPE_OF_SOURCE = 2;
    public static final int ADDRESS_UNREACHABLE = 3;
    public static final int PORT_UNREACHABLE = 4;
    public static final int SOURCE_POLICY_FAILED = 5;
    public static final int REJECT_ROUTE = 6;

    // Time Exceeded codes.
    public static final int HOP_LIMIT_EXCEEDED = 0;
    public static final int REASSEMBLY_TIME_EXCEEDED = 1;

    // Parameter Problem codes.
    public static final int ERRONEOUS_HEADER_FIELD = 0;
    public static final int UNRECOGNIZED_NEXT_HEADER = 1;
    public static final int UNRECOGNIZED_OPTION = 2;

    /** The IPv6 header plus type, code, checksum and the 4-byte field: what precedes echo data or a quote. */
    public static final int HEADERS_LENGTH = Ipv6Header.LENGTH + LENGTH_WITH_BODY_FIELD;
    /** The most of an offending packet an error quotes, so the error stays within the minimum MTU. */
    public static final int MAX_ERROR_QUOTE = Ipv6Header.MINIMUM_MTU - HEADERS_LENGTH;

    private static final int TYPE_FIELD = 0;
    private static final int CODE_FIELD = 1;
    private static final int CHECKSUM_FIELD = 2;
    private static final int BODY_FIELD = 4;
    private static final int IDENTIFIER_FIELD = 4;
    private static final int SEQUENCE_FIELD = 6;

    private final Packet packet;
    private final int offset;
    private final int length;

    private Icmpv6(Packet packet, int offset, int length) {
        this.packet = packet;
        this.offset = offset;
        this.length = length;
    }

    /** Checks the message of {@code length} bytes at {@code offset}: the rest of the IPv6 payload. */
    public static Icmpv6 check(Packet p, int offset, int length) throws MalformedPacketException {
        Region.check("ICMPv6", p, offset, length);
        if (length < HEADER_LENGTH) {
            throw new MalformedPacketException("ICMPv6 header: " + length + " bytes, fewer than the 4 of type, code and checksum");
        }
        int type = p.u8(offset + TYPE_FIELD);
        if (length < LENGTH_WITH_BODY_FIELD && hasBodyField(type)) {
            throw new MalformedPacketException("ICMPv6 type " + type + ": " + length + " bytes, fewer than the 8 that hold its "
                    + bodyFieldName(type) + " field");
        }
        return new Icmpv6(p, offset, length);
    }

    /** Whether messages of this type carry the 4-byte field after the checksum that the view reads. */
    public static boolean hasBodyField(int type) {
        return switch (type) {
            case DESTINATION_UNREACHABLE, PACKET_TOO_BIG, TIME_EXCEEDED, PARAMETER_PROBLEM, ECHO_REQUEST, ECHO_REPLY -> true;
            default -> false;
        };
    }

    private static String bodyFieldName(int type) {
        return switch (type) {
            case PACKET_TOO_BIG -> "MTU";
            case PARAMETER_PROBLEM -> "pointer";
            case ECHO_REQUEST, ECHO_REPLY -> "identifier and sequence";
            default -> "unused";
        };
    }

    /** Error messages have the high bit of the type clear (RFC 4443 section 2.1). */
    public static boolean isError(int type) { return type < 128; }

    public Packet packet() { return packet; }

    public int offset() { return offset; }

    /** The message's length, header included. */
    public int length() { return length; }

    public int type() { return packet.u8(offset + TYPE_FIELD); }

    public int code() { return packet.u8(offset + CODE_FIELD); }

    public int checksum() { return packet.u16(offset + CHECKSUM_FIELD); }

    public boolean isError() { return isError(type()); }

    public int identifier() { return packet.u16(offset + IDENTIFIER_FIELD); }

    public int sequence() { return packet.u16(offset + SEQUENCE_FIELD); }

    /** Packet Too Big's MTU. */
    public long mtu() { return packet.u32(offset + BODY_FIELD); }

    /** Parameter Problem's pointer into the invoking packet. */
    public long pointer() { return packet.u32(offset + BODY_FIELD); }

    /**
     * Where an echo message's data or an error's quoted invoking packet starts. Kept inside the
     * message, so a short message of another type has empty data rather than data past its end.
     */
    public int dataOffset() { return offset + Math.min(length, LENGTH_WITH_BODY_FIELD); }

    public int dataLength() { return Math.max(0, length - LENGTH_WITH_BODY_FIELD); }

    public byte[] data() { return packet.copyBytes(dataOffset(), dataLength()); }

    /** As much of the packet that caused an error as its sender quoted. */
    public byte[] invokingPacket() { return data(); }

    public void setType(int type) { packet.putU8(offset + TYPE_FIELD, FieldValue.inRange("ICMPv6 type", type, 0xff)); }

    public void setCode(int code) { packet.putU8(offset + CODE_FIELD, FieldValue.inRange("ICMPv6 code", code, 0xff)); }

    public void setChecksum(int checksum) {
        packet.putU16(offset + CHECKSUM_FIELD, FieldValue.inRange("ICMPv6 checksum", checksum, 0xffff));
    }

    public void setIdentifier(int identifier) {
        packet.putU16(offset + IDENTIFIER_FIELD, FieldValue.inRange("ICMPv6 echo identifier", identifier, 0xffff));
    }

    public void setSequence(int sequence) {
        packet.putU16(offset + SEQUENCE_FIELD, FieldValue.inRange("ICMPv6 echo sequence", sequence, 0xffff));
    }

    public void setMtu(long mtu) { packet.putI32(offset + BODY_FIELD, (int) FieldValue.inRange("ICMPv6 MTU", mtu, 0xffffffffL)); }

    public void setPointer(long pointer) {
        packet.putI32(offset + BODY_FIELD, (int) FieldValue.inRange("ICMPv6 pointer", pointer, 0xffffffffL));
    }

    public void fillChecksum(Address source, Address destination) {
        setChecksum(0);
        setChecksum(Checksums.compute(packet, offset, length, source, destination, Ipv6Header.ICMPV6));
    }

    public boolean hasValidChecksum(Address source, Address destination) {
        return Checksums.verify(packet, offset, length, source, destination, Ipv6Header.ICMPV6);
    }

    public void verifyChecksum(Address source, Address destination) throws MalformedPacketException {
        if (!hasValidChecksum(source, destination)) {
            throw new MalformedPacketException(String.format("ICMPv6 checksum field 0x%04x does not match the message", checksum()));
        }
    }

    /** Writes a whole IPv6 packet holding an Echo Request. */
    public static Icmpv6 emitEcho(Packet into, Address source, Address destination, int hopLimit, int identifier, int sequence,
                                  byte[] data, int off, int len) {
        fits(into, len);
        var echo = emitHeaders(into, source, destination, hopLimit, ECHO_REQUEST, identifier, sequence, len);
        into.put(HEADERS_LENGTH, data, off, len);
        echo.fillChecksum(source, destination);
        return echo;
    }

    /**
     * Writes the Echo Reply to {@code request}, a checked Echo Request whose IPv6 source is
     * {@code requestSource}. {@code into} may be the request's own packet. The reply's source is the
     * caller's choice: a request to a multicast address is answered from a unicast one (RFC 4443
     * section 4.2).
     */
    public static Icmpv6 emitEchoReply(Packet into, Address source, Address requestSource, Icmpv6 request, int hopLimit) {
        if (request.type() != ECHO_REQUEST) {
            throw new IllegalArgumentException("ICMPv6 type " + request.type() + " is not an echo request");
        }
        int identifier = request.identifier();
        int sequence = request.sequence();
        int len = request.dataLength();
        fits(into, len);
        // Data first: when replying in place, the headers about to be written may cover it.
        request.packet().copyTo(request.dataOffset(), into, HEADERS_LENGTH, len);
        var echo = emitHeaders(into, source, requestSource, hopLimit, ECHO_REPLY, identifier, sequence, len);
        echo.fillChecksum(source, requestSource);
        return echo;
    }

    private static void fits(Packet into, int dataLength) {
        if (dataLength < 0 || HEADERS_LENGTH + dataLength > into.capacity()
                || LENGTH_WITH_BODY_FIELD + dataLength > Ipv6Header.MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("an echo message with " + dataLength + " bytes of data does not fit a page of "
                    + into.capacity());
        }
    }

    private static Icmpv6 emitHeaders(Packet into, Address source, Address destination, int hopLimit, int type,
                                      int identifier, int sequence, int dataLength) {
        int length = LENGTH_WITH_BODY_FIELD + dataLength;
        Ipv6Header.emit(into, 0, 0, length, Ipv6Header.ICMPV6, hopLimit, source, destination);
        var echo = new Icmpv6(into, Ipv6Header.LENGTH, length);
        echo.setType(type);
        echo.setCode(0);
        echo.setIdentifier(identifier);
        echo.setSequence(sequence);
        return echo;
    }

    /**
     * Writes an error about {@code offending} to its source, quoting as much of its first
     * {@code offendingLength} bytes as keeps the error within the minimum MTU (RFC 4443 section
     * 2.4(c)) and within the page. {@code parameter} is the MTU, the pointer, or 0. {@code into}
     * may be the offending packet itself.
     */
    public static Icmpv6 emitError(Packet into, Address source, int type, int code, long parameter, Packet offending,
                                   int offendingLength) {
        if (!isError(type)) throw new IllegalArgumentException("ICMPv6 type " + type + " is not an error");
        int available = Math.min(offendingLength, offending.length());
        if (available < Ipv6Header.LENGTH) {
            throw new IllegalArgumentException("the offending packet's " + available + " bytes hold no IPv6 header to answer");
        }
        int room = Math.min(Ipv6Header.MINIMUM_MTU, into.capacity()) - HEADERS_LENGTH;
        if (room < 0) throw new IllegalArgumentException("a page of " + into.capacity() + " bytes cannot hold an ICMPv6 error");
        int quoted = Math.min(available, room);
        Address destination = Ipv6Header.over(offending).source();
        // Copying overlapping ranges of one page is safe, so the offending packet may become its own answer.
        offending.copyTo(0, into, HEADERS_LENGTH, quoted);
        int length = LENGTH_WITH_BODY_FIELD + quoted;
        Ipv6Header.emit(into, 0, 0, length, Ipv6Header.ICMPV6, Ipv6Header.DEFAULT_HOP_LIMIT, source, destination);
        var error = new Icmpv6(into, Ipv6Header.LENGTH, length);
        error.setType(type);
        error.setCode(code);
        error.setPointer(parameter);
        error.fillChecksum(source, destination);
        return error;
    }
}
