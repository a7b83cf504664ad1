package packos.lib.fs;

import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * What a mount point of a process's namespace shows, as a boot config's {@code mount=PATH=SOURCE}
 * writes it or a program builds it: the image's code tree, a fresh memory tree, or a file system
 * the host grants (a directory, confined beneath it, that the host reads and writes for the
 * process: programs never touch host files themselves).
 */
public sealed interface MountSource {
    /** The text a boot config writes for it. */
    String describe();

    /** The image's read-only code tree ({@code code}). */
    record Code() implements MountSource {
        @Override
        public String describe() { return "code"; }
    }

    /** A writable tree in the process's memory, empty at start, gone when the process ends ({@code memory}). */
    record Memory() implements MountSource {
        @Override
        public String describe() { return "memory"; }
    }

    /** Device files {@code zero} and {@code null} ({@code devices}), as diod's ctl tree has them. */
    record Devices() implements MountSource {
        @Override
        public String describe() { return "devices"; }
    }

    /** A DumbFS server ({@code dumbfs:[ADDR]:PORT}, the port 5002 if left out). */
    record DumbFs(Address server, int port) implements MountSource {
        public DumbFs {
            if (server == null || port < 1 || port > 65535) throw new IllegalArgumentException("a DumbFS mount needs an address and a port in 1..65535");
        }

        @Override
        public String describe() { return "dumbfs:[" + server + "]:" + port; }
    }

    /** A 9P2000.L server ({@code 9p:[ADDR]:PORT,aname=NAME}; port 564 and aname "/" if left out). */
    record NineP(Address server, int port, String aname, long msize) implements MountSource {
        public NineP {
            if (server == null || port < 1 || port > 65535 || aname == null) throw new IllegalArgumentException("a 9P mount needs an address, a port and an aname");
            if (msize < packos.lib.ninep.NineP.MIN_MSIZE || msize > packos.lib.ninep.NineP.MAX_MSIZE) {
                throw new IllegalArgumentException("msize " + msize + " is out of range");
            }
        }

        public NineP(Address server, int port, String aname) { this(server, port, aname, packos.lib.ninep.NinePClient.DEFAULT_MSIZE); }

        @Override
        public String describe() { return "9p:[" + server + "]:" + port + ",aname=" + aname + (msize == packos.lib.ninep.NinePClient.DEFAULT_MSIZE ? "" : ",msize=" + msize); }
    }

    /** A file system the host made for this process (such as a host directory); {@code text} is how the config wrote it. */
    record Granted(FileSystem system, String text) implements MountSource {
        public Granted {
            if (system == null || text == null) throw new IllegalArgumentException("a granted mount needs its file system and its text");
        }

        @Override
        public String describe() { return text; }
    }

    /**
     * Parses {@code code} or {@code memory}.
     *
     * @throws KernelException INVALID_ARGUMENT naming the text and what was expected
     */
    static MountSource parse(String text) {
        if (text.startsWith("9p:")) {
            var rest = text.substring("9p:".length());
            long msize = packos.lib.ninep.NinePClient.DEFAULT_MSIZE;
            int m = rest.indexOf(",msize=");
            if (m >= 0) {
                var digits = rest.substring(m + ",msize=".length());
                if (!digits.matches("[0-9]{1,8}") || Long.parseLong(digits) < packos.lib.ninep.NineP.MIN_MSIZE
                        || Long.parseLong(digits) > packos.lib.ninep.NineP.MAX_MSIZE) {
                    throw new KernelException(ErrorCode.INVALID_ARGUMENT, "mount source '" + text + "': msize= must be "
                            + packos.lib.ninep.NineP.MIN_MSIZE + ".." + packos.lib.ninep.NineP.MAX_MSIZE + " (and come last)");
                }
                msize = Long.parseLong(digits);
                rest = rest.substring(0, m);
            }
            String aname = "/";
            int comma = rest.indexOf(",aname=");
            if (comma >= 0) {
                aname = rest.substring(comma + ",aname=".length());
                rest = rest.substring(0, comma);
                if (aname.isEmpty()) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "mount source '" + text + "': aname= names nothing");
            }
            var endpoint = Endpoint.parse(text, rest, packos.lib.ninep.NineP.PORT);
            return new NineP(endpoint.address(), endpoint.port(), aname, msize);
        }
        if (text.startsWith("dumbfs:")) {
            var endpoint = Endpoint.parse(text, text.substring("dumbfs:".length()), packos.lib.fs.dumbfs.DumbFs.PORT);
            return new DumbFs(endpoint.address(), endpoint.port());
        }
        return switch (text) {
            case "code" -> new Code();
            case "memory" -> new Memory();
            case "devices" -> new Devices();
            default -> throw new KernelException(ErrorCode.INVALID_ARGUMENT, "mount source '" + text
                    + "' is not one of: code, memory, devices, dumbfs:[ADDR]:PORT, 9p:[ADDR]:PORT,aname=NAME");
        };
    }

    /** A server's {@code [ADDR]:PORT} or {@code [ADDR]}. */
    record Endpoint(Address address, int port) {
        static Endpoint parse(String whole, String text, int defaultPort) {
            int close = text.indexOf(']');
            if (!text.startsWith("[") || close < 0) throw bad(whole, "the address must be an IPv6 literal in brackets");
            Address address;
            try {
                address = Address.parse(text.substring(1, close));
            } catch (RuntimeException e) {
                throw bad(whole, "'" + text.substring(1, close) + "' is not an IPv6 address");
            }
            var rest = text.substring(close + 1);
            if (rest.isEmpty()) return new Endpoint(address, defaultPort);
            if (!rest.startsWith(":") || !rest.substring(1).matches("[0-9]{1,5}")) throw bad(whole, "expected :PORT after the address");
            int port = Integer.parseInt(rest.substring(1));
            if (port < 1 || port > 65535) throw bad(whole, "port " + port + " is out of range (expected 1..65535)");
            return new Endpoint(address, port);
        }

        private static KernelException bad(String whole, String why) {
            return new KernelException(ErrorCode.INVALID_ARGUMENT, "mount source '" + whole + "': " + why);
        }
    }
}
