# An HTTP/1.1 server on port 80 serves the image's code tree 'httpd' (the docroot: pages, a
# stylesheet, an SVG, a subdirectory, size probes and a 3.5 MB list of primes). A client in the
# same machine, started once the server reports itself ready, fetches every file over four
# keep-alive connections at once and checks each byte, recomputes the primes, then sends the
# requests a server must refuse (malformed, escaping the docroot, unknown methods and versions)
# and checks every answer. The run ends, status 0, when the client is satisfied.
image   name=httpd-check codefs=httpd description="the httpd image inside one machine, in virtual time: a client fetches and checks every page, and the run ends"
machine cpus=1 clock=virtual hz=1000
process name=server program=packos.samples.httpd.Httpd daemon=yes reports-init=yes
process name=check program=packos.samples.httpd.HttpCheck arg=fd00:7e8e::3 after=server
