package packos.lib.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import packos.lib.wire.MalformedPacketException;

class SpawnRequestTest {
    @Test
    void programAndArgumentsSurviveTheTripThroughBytes() throws Exception {
        var request = new SpawnRequest("com.example.Web$Worker", List.of("one", "", "dü ✓"));
        var bytes = request.encode();
        assertEquals(0, bytes[bytes.length - 1]);
        assertEquals(request, SpawnRequest.decode(bytes));
        assertEquals(new SpawnRequest("a.B", List.of()), SpawnRequest.decode("a.B\0".getBytes()));
    }

    @Test
    void malformedPayloadsAreRefusedWithTheReason() {
        assertTrue(assertThrows(MalformedPacketException.class, () -> SpawnRequest.decode("a.B".getBytes())).getMessage().contains("NUL"));
        assertTrue(assertThrows(MalformedPacketException.class, () -> SpawnRequest.decode("not a class\0".getBytes())).getMessage()
                .contains("not a Java class name"));
        assertTrue(assertThrows(MalformedPacketException.class, () -> SpawnRequest.decode(new byte[] {'a', 0, (byte) 0xff, 0})).getMessage()
                .contains("string 1 is not UTF-8"));
        assertTrue(assertThrows(MalformedPacketException.class, () -> SpawnRequest.decode("\0".getBytes())).getMessage()
                .contains("not a Java class name"));
        var many = new StringBuilder("a.B\0");
        for (int i = 0; i <= SpawnRequest.MAX_ARGS; i++) many.append("x\0");
        assertTrue(assertThrows(MalformedPacketException.class, () -> SpawnRequest.decode(many.toString().getBytes())).getMessage()
                .contains("65 arguments"));
        assertThrows(IllegalArgumentException.class, () -> new SpawnRequest("a.B", List.of("nul\0inside")));
        assertThrows(IllegalArgumentException.class, () -> new SpawnRequest("a.B", List.of("x".repeat(ControlProtocol.MAX_PAYLOAD))));
    }

    @Test
    void onlyASpawnCarriesAPayloadAndItsLengthIsBounded() throws Exception {
        var spawn = new ControlRequest(ControlProtocol.VERSION, ControlProtocol.SPAWN, 3, 12);
        assertEquals(spawn, ControlRequest.decode(spawn.encode(), 0));
        var inited = new ControlRequest(ControlProtocol.VERSION, ControlProtocol.REPORT_INITED, 4);
        assertArrayEquals(new byte[] {0, 1, 0, 1, 0, 4, 0, 0}, inited.encode());
        var withLength = new ControlRequest(ControlProtocol.VERSION, ControlProtocol.REPORT_INITED, 4, 9).encode();
        assertTrue(assertThrows(MalformedPacketException.class, () -> ControlRequest.decode(withLength, 0)).getMessage().contains("reserved field is 9"));
        var empty = new ControlRequest(ControlProtocol.VERSION, ControlProtocol.SPAWN, 5, 0).encode();
        assertTrue(assertThrows(MalformedPacketException.class, () -> ControlRequest.decode(empty, 0)).getMessage().contains("spawn payload length 0"));
        var huge = new ControlRequest(ControlProtocol.VERSION, ControlProtocol.SPAWN, 5, ControlProtocol.MAX_PAYLOAD + 1).encode();
        assertTrue(assertThrows(MalformedPacketException.class, () -> ControlRequest.decode(huge, 0)).getMessage().contains("4097"));
    }
}
