package packos.lib.ninep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static packos.lib.ninep.NineP.*;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import packos.lib.fs.CodeFileSystem;
import packos.lib.fs.CodeTree;
import packos.lib.fs.MemoryFileSystem;
import packos.lib.fs.Namespace;
import packos.lib.wire.MalformedPacketException;

/** A 9P2000.L session over a namespace with a read-only code/ and a writable data/: what a Linux client does, and what it must not. */
class NinePSessionTest {
    private final MemoryFileSystem data = new MemoryFileSystem("data");
    private final Namespace ns = new Namespace()
            .mount("/code", new CodeFileSystem(CodeTree.builder("t").file("foo.txt", "foo bar baz\n".getBytes(StandardCharsets.UTF_8)).build()))
            .mount("/data", data);
    private final NinePSession session = new NinePSession(ns);

    private RMessage ask(byte[] request) throws MalformedPacketException {
        var reply = session.answer(TMessage.check(request, 0, request.length));
        return RMessage.check(reply, 0, reply.length);
    }

    private long errno(byte[] request) throws MalformedPacketException {
        return assertInstanceOf(RMessage.Error.class, ask(request)).errno();
    }

    @BeforeEach
    void attach() throws Exception {
        assertEquals(new RMessage.Version(NOTAG, 65536, VERSION), ask(TRequests.version(NOTAG, 65536, VERSION)));
        assertInstanceOf(RMessage.Attach.class, ask(TRequests.attach(1, 0, NOFID, "root", "/", 0)));
    }

    @Test
    void walkOpenReadGivesTheCodeTreesBytes() throws Exception {
        var walk = assertInstanceOf(RMessage.Walk.class, ask(TRequests.walk(2, 0, 1, List.of("code", "foo.txt"))));
        assertEquals(2, walk.qids().size());
        assertTrue(walk.qids().get(0).isDirectory());
        assertInstanceOf(RMessage.Open.class, ask(TRequests.lopen(3, 1, O_RDONLY)));
        var read = assertInstanceOf(RMessage.Read.class, ask(TRequests.read(4, 1, 4, 100)));
        assertEquals("bar baz\n", new String(read.bytes(), read.dataOffset(), read.count(), StandardCharsets.UTF_8));
        assertEquals(0, assertInstanceOf(RMessage.Read.class, ask(TRequests.read(5, 1, 12, 100))).count(), "end of file is an empty read");
        assertInstanceOf(RMessage.Walk.class, ask(TRequests.walk(6, 0, 2, List.of("code"))));
        assertEquals(EROFS, errno(TRequests.lcreate(7, 2, "new", O_WRONLY, 0644, 0)));
    }

    @Test
    void createWriteRenameListAndRemoveInData() throws Exception {
        ask(TRequests.walk(2, 0, 1, List.of("data")));
        assertInstanceOf(RMessage.Mkdir.class, ask(TRequests.mkdir(3, 1, "sub", 0755, 0)));
        ask(TRequests.walk(4, 1, 2, List.of()));
        assertInstanceOf(RMessage.Open.class, ask(TRequests.lcreate(5, 2, "a.bin", O_RDWR | O_TRUNC, 0644, 0)));
        var bytes = new byte[5000];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 31);
        assertEquals(5000, assertInstanceOf(RMessage.Write.class, ask(TRequests.write(6, 2, 0, bytes, 0, 5000))).count());
        assertInstanceOf(RMessage.Done.class, ask(TRequests.fsync(7, 2)));
        assertInstanceOf(RMessage.Done.class, ask(TRequests.clunk(8, 2)));
        assertInstanceOf(RMessage.Done.class, ask(TRequests.renameat(9, 1, "a.bin", 1, "b.bin")));
        assertArrayEquals(bytes, data.readAll("b.bin"));
        ask(TRequests.walk(10, 1, 3, List.of()));
        ask(TRequests.lopen(11, 3, O_RDONLY));
        var dir = assertInstanceOf(RMessage.Readdir.class, ask(TRequests.readdir(12, 3, 0, 8192)));
        assertEquals(List.of("b.bin", "sub"), dir.entries().stream().map(RMessage.DirEntry::name).toList());
        assertEquals(List.of("sub"), assertInstanceOf(RMessage.Readdir.class, ask(TRequests.readdir(13, 3, dir.entries().get(0).offset(), 8192)))
                .entries().stream().map(RMessage.DirEntry::name).toList());
        ask(TRequests.walk(14, 1, 4, List.of("b.bin")));
        var attr = assertInstanceOf(RMessage.Getattr.class, ask(TRequests.getattr(15, 4)));
        assertEquals(5000, attr.size());
        assertEquals(S_IFREG | 0644, attr.mode());
        assertInstanceOf(RMessage.Done.class, ask(TRequests.setSize(16, 4, 10)));
        assertEquals(10, data.size("b.bin"));
        assertEquals(ENOENT, errno(TRequests.unlinkat(17, 1, "missing", 0)));
        assertEquals(EISDIR, errno(TRequests.unlinkat(18, 1, "sub", 0)), "a directory needs AT_REMOVEDIR");
        assertInstanceOf(RMessage.Done.class, ask(TRequests.unlinkat(19, 1, "sub", AT_REMOVEDIR)));
        assertInstanceOf(RMessage.Done.class, ask(TRequests.remove(20, 4)));
        assertEquals(List.of(), data.list("/"));
    }

    @Test
    void escapesAndBadNamesAreRefused() throws Exception {
        ask(TRequests.walk(2, 0, 1, List.of("data")));
        // ".." never climbs above the attach point; names with '/' or NUL are not names.
        var up = assertInstanceOf(RMessage.Walk.class, ask(TRequests.walk(3, 0, 2, List.of("..", "..", "code"))));
        assertEquals(3, up.qids().size());
        assertEquals(EINVAL, errno(TRequests.walk(4, 0, 3, List.of("code/foo.txt"))));
        assertEquals(EINVAL, errno(TRequests.lcreate(5, 1, "a\0b", O_WRONLY, 0644, 0)));
        assertEquals(ENAMETOOLONG, errno(TRequests.mkdir(6, 1, "x".repeat(300), 0755, 0)));
        assertEquals(EOPNOTSUPP, errno(TRequests.xattrwalk(7, 1, 9, "security.capability")));
        assertEquals(EBADF, errno(TRequests.clunk(8, 77)));
    }

    @Test
    void aTenThousandDeepWalkEndsAtThePathLimitAndTheSessionGoesOn() throws Exception {
        ask(TRequests.walk(2, 0, 1, List.of("data")));
        int made = 0;
        long last = 0;
        long err = 0;
        for (int depth = 0; depth < 10_000 && err == 0; depth++) {
            var reply = ask(TRequests.mkdir(3, 1, "d", 0755, 0));
            if (reply instanceof RMessage.Error e) {
                err = e.errno();
                break;
            }
            made++;
            var w = ask(TRequests.walk(4, 1, 1, List.of("d")));
            if (w instanceof RMessage.Error e) err = e.errno();
            last = made;
        }
        assertEquals(ENAMETOOLONG, err);
        assertTrue(last > 400 && last < 520, "depth " + last);
        assertInstanceOf(RMessage.Walk.class, ask(TRequests.walk(5, 0, 2, List.of("code", "foo.txt"))));
    }

    @Test
    void fidsAreBounded() throws Exception {
        long f = 1;
        long err = 0;
        for (; f < NinePSession.MAX_FIDS + 10 && err == 0; f++) {
            if (ask(TRequests.walk(2, 0, f, List.of())) instanceof RMessage.Error e) err = e.errno();
        }
        assertEquals(EMFILE, err);
        assertEquals(NinePSession.MAX_FIDS, session.fidCount());
        ask(TRequests.clunk(3, 1));
        assertInstanceOf(RMessage.Walk.class, ask(TRequests.walk(4, 0, 1, List.of("code"))));
    }

    @Test
    void beforeVersionEverythingIsRefusedAndUnsupportedTypesGetAnError() throws Exception {
        var fresh = new NinePSession(ns);
        var attach = TRequests.attach(1, 0, NOFID, "u", "/", 0);
        var reply = fresh.answer(TMessage.check(attach, 0, attach.length));
        assertEquals(EPROTO, assertInstanceOf(RMessage.Error.class, RMessage.check(reply, 0, reply.length)).errno());
        var symlink = new NinePOutput(TSYMLINK, 9, 32).u32(0).string("a").string("b").u32(0).finish();
        assertEquals(EOPNOTSUPP, errno(symlink));
        var auth = new NinePOutput(TAUTH, 9, 32).u32(5).string("u").string("/").u32(0).finish();
        assertEquals(ENOENT, errno(auth), "Tauth says no authentication is needed");
    }

    @Test
    void malformedMessagesAreRefusedNamingTheField() {
        var walk = TRequests.walk(2, 0, 1, List.of("a", "b"));
        refused("Twalk wname length field: 0 bytes left, 2 needed", fixSize(Arrays.copyOf(walk, walk.length - 3)));
        refused("Twalk wname field: 0 bytes left, 1 needed", fixSize(Arrays.copyOf(walk, walk.length - 1)));
        refused("9P size field: 99 but the message is 11 bytes", setSize(TRequests.clunk(1, 1), 99));
        var write = TRequests.write(1, 1, 0, new byte[10], 0, 10);
        write[19] = 11;
        refused("Twrite count field: 11 but 10 bytes of data follow", write);
        var many = TRequests.walk(2, 0, 1, Collections.nCopies(17, "a"));
        refused("Twalk nwname field: 17 (at most 16)", many);
        var extra = Arrays.copyOf(TRequests.clunk(1, 1), 13);
        refused("Tclunk: 2 bytes after the last field (the size field says more than the fields hold)", fixSize(extra));
        var badUtf8 = TRequests.walk(2, 0, 1, List.of("a"));
        badUtf8[badUtf8.length - 1] = (byte) 0xff;
        refused("Twalk wname field: not UTF-8", badUtf8);
    }

    private static byte[] fixSize(byte[] b) { return setSize(b, b.length); }

    private static byte[] setSize(byte[] b, int size) {
        b[0] = (byte) size;
        b[1] = (byte) (size >>> 8);
        return b;
    }

    private static void refused(String message, byte[] bytes) {
        var e = assertThrows(MalformedPacketException.class, () -> TMessage.check(bytes, 0, bytes.length));
        assertEquals(message, e.getMessage());
    }
}
