package packos.lib.ninep;

import packos.kernel.ErrorCode;

/**
 * 9P2000.L's numbers: message types, the limits this implementation keeps, qid types, open flags,
 * and the Linux errno values an Rlerror carries, with the PackOS errors they stand for.
 * Every integer on the wire is little-endian; a string is a 16-bit length and UTF-8 bytes.
 */
public final class NineP {
    private NineP() {}

    public static final int PORT = 564;
    public static final String VERSION = "9P2000.L";
    public static final int NOTAG = 0xffff;
    public static final long NOFID = 0xffffffffL;
    /** size[4] type[1] tag[2]. */
    public static final int HEADER = 7;
    /** Largest msize this implementation agrees to: diod's default is 64 KiB + header; room for larger reads. */
    public static final int MAX_MSIZE = 1 << 20;
    /** Smallest msize that leaves room for a useful read. */
    public static final int MIN_MSIZE = 256;
    /** What Rread and Rwrite leave beside the data: header and count. */
    public static final int IO_HEADER = 24;
    /** Most names one Twalk may carry, as the protocol has it. */
    public static final int MAX_WALK = 16;

    public static final int TLERROR = 6, RLERROR = 7, TSTATFS = 8, RSTATFS = 9, TLOPEN = 12, RLOPEN = 13, TLCREATE = 14, RLCREATE = 15,
            TSYMLINK = 16, TMKNOD = 18, TRENAME = 20, RRENAME = 21, TREADLINK = 22, TGETATTR = 24, RGETATTR = 25, TSETATTR = 26, RSETATTR = 27,
            TXATTRWALK = 30, TXATTRCREATE = 32, TREADDIR = 40, RREADDIR = 41, TFSYNC = 50, RFSYNC = 51, TLOCK = 52, TGETLOCK = 54,
            TLINK = 70, TMKDIR = 72, RMKDIR = 73, TRENAMEAT = 74, RRENAMEAT = 75, TUNLINKAT = 76, RUNLINKAT = 77,
            TVERSION = 100, RVERSION = 101, TAUTH = 102, TATTACH = 104, RATTACH = 105, TFLUSH = 108, RFLUSH = 109,
            TWALK = 110, RWALK = 111, TREAD = 116, RREAD = 117, TWRITE = 118, RWRITE = 119, TCLUNK = 120, RCLUNK = 121,
            TREMOVE = 122, RREMOVE = 123;

    public static final int QTDIR = 0x80, QTFILE = 0;

    /** Linux open flags Tlopen and Tlcreate carry. */
    public static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_ACCMODE = 3, O_CREAT = 0100, O_EXCL = 0200, O_TRUNC = 01000,
            O_APPEND = 02000, O_DIRECTORY = 0200000;

    /** Linux st_mode bits. */
    public static final int S_IFDIR = 0040000, S_IFREG = 0100000;

    /** Tgetattr's request mask: the basic fields. */
    public static final long GETATTR_BASIC = 0x7ff;

    /** Tsetattr's valid bits. */
    public static final int SETATTR_MODE = 1, SETATTR_SIZE = 8;

    /** Tunlinkat's flag for a directory. */
    public static final int AT_REMOVEDIR = 0x200;

    /** Linux errno values. */
    public static final int EPERM = 1, ENOENT = 2, EIO = 5, EBADF = 9, ENOMEM = 12, EACCES = 13, EEXIST = 17, EXDEV = 18, ENOTDIR = 20,
            EISDIR = 21, EINVAL = 22, EMFILE = 24, EFBIG = 27, ENOSPC = 28, EROFS = 30, ERANGE = 34, ENAMETOOLONG = 36, ENOSYS = 38,
            ENOTEMPTY = 39, ENODATA = 61, EPROTO = 71, EMSGSIZE = 90, EOPNOTSUPP = 95, ETIMEDOUT = 110, ECONNREFUSED = 111;

    /** The errno a PackOS error becomes in an Rlerror. */
    public static int errno(ErrorCode code) {
        return switch (code) {
            case DOES_NOT_EXIST -> ENOENT;
            case ACCESS_DENIED, PERMISSION_DENIED, CAPABILITY_MISSING -> EACCES;
            case READ_ONLY_FILESYSTEM -> EROFS;
            case IS_DIRECTORY -> EISDIR;
            case IS_NOT_DIRECTORY -> ENOTDIR;
            case DIRECTORY_NOT_EMPTY -> ENOTEMPTY;
            case NAME_TOO_LONG -> ENAMETOOLONG;
            case CROSS_FILESYSTEM_MOVE -> EXDEV;
            case NOT_OPEN_FOR_READ, NOT_OPEN_FOR_WRITE, RESOURCE_NOT_IN_USE -> EBADF;
            case OUT_OF_DISK -> ENOSPC;
            case OUT_OF_MEMORY, QUOTA_EXCEEDED -> ENOMEM;
            case ALREADY_EXISTS, RESOURCE_IN_USE -> EEXIST;
            case TOO_MANY_OPEN_FILES -> EMFILE;
            case NOT_IMPLEMENTED -> EOPNOTSUPP;
            case CONNECTION_TIMED_OUT -> ETIMEDOUT;
            case INVALID_ARGUMENT -> EINVAL;
            case PROTOCOL_ERROR, BAD_PROTOCOL_CMD, MALFORMED_PACKET -> EPROTO;
            default -> EIO;
        };
    }

    /** The PackOS error an Rlerror's errno stands for. */
    public static ErrorCode error(long errno) {
        return switch ((int) errno) {
            case ENOENT -> ErrorCode.DOES_NOT_EXIST;
            case EACCES, EPERM -> ErrorCode.ACCESS_DENIED;
            case EROFS -> ErrorCode.READ_ONLY_FILESYSTEM;
            case EISDIR -> ErrorCode.IS_DIRECTORY;
            case ENOTDIR -> ErrorCode.IS_NOT_DIRECTORY;
            case ENOTEMPTY -> ErrorCode.DIRECTORY_NOT_EMPTY;
            case ENAMETOOLONG -> ErrorCode.NAME_TOO_LONG;
            case EXDEV -> ErrorCode.CROSS_FILESYSTEM_MOVE;
            case EBADF -> ErrorCode.RESOURCE_NOT_IN_USE;
            case ENOSPC, EFBIG -> ErrorCode.OUT_OF_DISK;
            case ENOMEM -> ErrorCode.OUT_OF_MEMORY;
            case EEXIST -> ErrorCode.ALREADY_EXISTS;
            case EMFILE -> ErrorCode.TOO_MANY_OPEN_FILES;
            case EOPNOTSUPP, ENOSYS -> ErrorCode.NOT_IMPLEMENTED;
            case EINVAL -> ErrorCode.INVALID_ARGUMENT;
            case ETIMEDOUT -> ErrorCode.CONNECTION_TIMED_OUT;
            default -> ErrorCode.PROTOCOL_ERROR;
        };
    }

    /** A type's name for messages: "Twalk", "Rlerror", or "type 250". */
    public static String name(int type) {
        return switch (type) {
            case TLERROR -> "Tlerror";
            case RLERROR -> "Rlerror";
            case TSTATFS -> "Tstatfs";
            case TLOPEN -> "Tlopen";
            case TLCREATE -> "Tlcreate";
            case TRENAME -> "Trename";
            case TGETATTR -> "Tgetattr";
            case TSETATTR -> "Tsetattr";
            case TXATTRWALK -> "Txattrwalk";
            case TREADDIR -> "Treaddir";
            case TFSYNC -> "Tfsync";
            case TMKDIR -> "Tmkdir";
            case TRENAMEAT -> "Trenameat";
            case TUNLINKAT -> "Tunlinkat";
            case TVERSION -> "Tversion";
            case RVERSION -> "Rversion";
            case TAUTH -> "Tauth";
            case TATTACH -> "Tattach";
            case TFLUSH -> "Tflush";
            case TWALK -> "Twalk";
            case TREAD -> "Tread";
            case TWRITE -> "Twrite";
            case TCLUNK -> "Tclunk";
            case TREMOVE -> "Tremove";
            default -> "type " + type;
        };
    }
}
