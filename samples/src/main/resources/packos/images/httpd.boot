# The default image: an HTTP/1.1 server on port 80 that the host reaches at http://localhost:8080/
# through user-mode networking (no root). The PCI service lists the bus and routes IRQs; the
# RTL8139 driver reserves the card through it and moves frames; the router joins the KAN to the
# card's Ethernet, answering Neighbor Solicitations for the KAN's addresses; the user network at the
# other end of the cable relays host port 8080 to the server. The server serves the image's code
# tree 'httpd' (pages, a stylesheet, an SVG, a subdirectory, size probes, a 3.5 MB list of primes)
# until the machine is stopped (Ctrl-C, or --timeout). A client inside the machine fetches every
# file over four keep-alive connections at once, checks each byte, recomputes the primes, sends the
# requests a server must refuse, and reports.
#
# Addresses follow the order processes start in: pci ::3, server ::4, driver ::5 (once pci reports),
# router ::6 (once the driver runs), check ::7. The 'after' lines fix that order.
image   name=httpd codefs=httpd description="an HTTP/1.1 server on port 80, reached from the host at http://localhost:8080/ through user-mode networking, and a client that checks every page"
machine cpus=1 clock=real hz=100 wire=user,hostfwd=tcp::8080-server:80
kan     queue=256
process name=pci    program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes
process name=server program=packos.samples.httpd.Httpd reports-init=yes
process name=driver program=packos.system.nic.Rtl8139Driver arg=fd00:7e8e::3 caps=device:00:03.0,irq:11 queue=512 daemon=yes after=pci restart=on-failure
process name=router program=packos.system.router.Router arg=driver=fd00:7e8e::5 caps=forward queue=512 daemon=yes reports-init=yes after=driver restart=on-failure
process name=check  program=packos.samples.httpd.HttpCheck arg=fd00:7e8e::4 after=server,router
