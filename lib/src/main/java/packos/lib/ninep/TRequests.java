package packos.lib.ninep;

import static packos.lib.ninep.NineP.*;

import java.util.List;

/** The 9P2000.L requests a client sends, encoded. */
public final class TRequests {
    private TRequests() {}

    public static byte[] version(int tag, long msize, String version) { return new NinePOutput(TVERSION, tag, 32).u32(msize).string(version).finish(); }

    public static byte[] attach(int tag, long fid, long afid, String uname, String aname, long uid) {
        return new NinePOutput(TATTACH, tag, 64).u32(fid).u32(afid).string(uname).string(aname).u32(uid).finish();
    }

    public static byte[] walk(int tag, long fid, long newFid, List<String> names) {
        var out = new NinePOutput(TWALK, tag, 64).u32(fid).u32(newFid).u16(names.size());
        for (var n : names) out.string(n);
        return out.finish();
    }

    public static byte[] lopen(int tag, long fid, int flags) { return new NinePOutput(TLOPEN, tag, 16).u32(fid).u32(flags).finish(); }

    public static byte[] lcreate(int tag, long fid, String name, int flags, int mode, long gid) {
        return new NinePOutput(TLCREATE, tag, 64).u32(fid).string(name).u32(flags).u32(mode).u32(gid).finish();
    }

    public static byte[] read(int tag, long fid, long offset, long count) { return new NinePOutput(TREAD, tag, 24).u32(fid).u64(offset).u32(count).finish(); }

    public static byte[] write(int tag, long fid, long offset, byte[] data, int from, int count) {
        return new NinePOutput(TWRITE, tag, 23 + count).u32(fid).u64(offset).u32(count).bytes(data, from, count).finish();
    }

    public static byte[] clunk(int tag, long fid) { return new NinePOutput(TCLUNK, tag, 12).u32(fid).finish(); }

    public static byte[] remove(int tag, long fid) { return new NinePOutput(TREMOVE, tag, 12).u32(fid).finish(); }

    public static byte[] flush(int tag, int oldTag) { return new NinePOutput(TFLUSH, tag, 12).u16(oldTag).finish(); }

    public static byte[] getattr(int tag, long fid) { return new NinePOutput(TGETATTR, tag, 20).u32(fid).u64(GETATTR_BASIC).finish(); }

    public static byte[] setSize(int tag, long fid, long size) {
        return new NinePOutput(TSETATTR, tag, 72).u32(fid).u32(SETATTR_SIZE).u32(0).u32(0).u32(0).u64(size).u64(0).u64(0).u64(0).u64(0).finish();
    }

    public static byte[] readdir(int tag, long fid, long offset, long count) {
        return new NinePOutput(TREADDIR, tag, 24).u32(fid).u64(offset).u32(count).finish();
    }

    public static byte[] mkdir(int tag, long dirFid, String name, int mode, long gid) {
        return new NinePOutput(TMKDIR, tag, 64).u32(dirFid).string(name).u32(mode).u32(gid).finish();
    }

    public static byte[] unlinkat(int tag, long dirFid, String name, int flags) {
        return new NinePOutput(TUNLINKAT, tag, 64).u32(dirFid).string(name).u32(flags).finish();
    }

    public static byte[] renameat(int tag, long oldDirFid, String oldName, long newDirFid, String newName) {
        return new NinePOutput(TRENAMEAT, tag, 64).u32(oldDirFid).string(oldName).u32(newDirFid).string(newName).finish();
    }

    public static byte[] statfs(int tag, long fid) { return new NinePOutput(TSTATFS, tag, 12).u32(fid).finish(); }

    public static byte[] fsync(int tag, long fid) { return new NinePOutput(TFSYNC, tag, 16).u32(fid).u32(0).finish(); }

    public static byte[] xattrwalk(int tag, long fid, long newFid, String name) {
        return new NinePOutput(TXATTRWALK, tag, 32).u32(fid).u32(newFid).string(name).finish();
    }
}
