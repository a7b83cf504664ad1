package packos.samples.httpd;

import java.util.ArrayList;
import java.util.List;
import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.fs.FileSystem;

/**
 * The httpd sample's client, which makes the sample prove itself: it fetches every file of the
 * docroot (listed through the same code tree the server reads) over several keep-alive
 * connections at once and checks each answer byte for byte, checks primes.txt by computing the
 * primes, then sends the requests a server must refuse or treat with care and checks each answer.
 * Any difference fails the process.
 *
 * <p>Arguments: the server's address (default fd00:7e8e::3), the port (80), the number of
 * connections (4).
 */
public final class HttpCheck implements Program {
    @Override
    public void main(Process self) {
        Address server = Address.parse(self.arg(0, "fd00:7e8e::3"));
        int port = Integer.parseInt(self.arg(1, Integer.toString(Httpd.PORT)));
        int connections = Integer.parseInt(self.arg(2, "4"));
        String host = "[" + server + "]" + (port == Httpd.PORT ? "" : ":" + port);
        var files = self.files();
        var fetches = fetchesOf(files);
        if (fetches.isEmpty()) throw new IllegalStateException("the image has no docroot: nothing to check");

        long began = self.now();
        var fetch = new ParallelFetch(self.net(), files, host, self::print).run(server, port, fetches, connections);
        long fetched = self.now();
        var cases = new RequestCases(self.net(), files, server, port, host);
        var caseList = cases.cases();
        var problems = new ArrayList<>(fetch.problems());
        problems.addAll(cases.run(caseList));
        long ended = self.now();

        self.print(String.format("fetched %d pages, %d bytes, over %d connections in %.3f s of machine time",
                fetch.pages(), fetch.bytes(), connections, (fetched - began) / 1e9));
        self.print(String.format("%d request cases in %.3f s", caseList.size(), (ended - fetched) / 1e9));
        for (var p : problems) self.print("MISMATCH " + p);
        if (fetch.pages() != fetches.size()) problems.add("fetched " + fetch.pages() + " pages of " + fetches.size());
        if (!problems.isEmpty()) throw new IllegalStateException(problems.size() + " mismatches; the first: " + problems.getFirst());
        long distinctFiles = fetches.stream().map(Fetch::file).distinct().count();
        self.print(String.format("checked %d files at %d URLs, %.1f MB, %d error and edge cases: all correct",
                distinctFiles, fetch.pages(), fetch.bytes() / 1e6, caseList.size()));
    }

    /**
     * Every file of the tree at its own URL, and every directory with an index at its URL with
     * a '/', which must serve that index.
     */
    static List<Fetch> fetchesOf(FileSystem files) {
        var out = new ArrayList<Fetch>();
        walk(files, "/", out);
        return out;
    }

    private static void walk(FileSystem files, String directory, List<Fetch> out) {
        for (var entry : files.list(directory)) {
            String path = directory + entry.name();
            if (entry.isDirectory()) {
                walk(files, path + "/", out);
            } else {
                out.add(new Fetch(RequestTarget.encode(path), path));
                if (entry.name().equals(Docroot.INDEX)) out.add(new Fetch(RequestTarget.encode(directory), path));
            }
        }
    }
}
