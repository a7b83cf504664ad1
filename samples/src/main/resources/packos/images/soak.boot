# The default image under a steady load for ten hours of machine time, in virtual time: the same
# PCI service, server, driver and router, with a client inside the machine in place of the check.
# Every tenth of a second of machine time it opens a connection, asks for four pages on it and
# checks each answer; once an hour it reports, and after ten hours it ends the run. `packos soak`
# runs it and checks that no process faulted and that the host heap stayed flat.
image   name=soak codefs=httpd description="the default image under web requests for ten hours of machine time, in virtual time: what packos soak runs"
machine cpus=1 clock=virtual hz=100 wire=user
kan     queue=256
process name=pci    program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes
process name=server program=packos.samples.httpd.Httpd reports-init=yes daemon=yes
process name=driver program=packos.system.nic.Rtl8139Driver arg=fd00:7e8e::3 caps=device:00:03.0,irq:11 queue=512 daemon=yes after=pci restart=on-failure
process name=router program=packos.system.router.Router arg=driver=fd00:7e8e::5 caps=forward queue=512 daemon=yes reports-init=yes after=driver restart=on-failure
process name=soak   program=packos.samples.httpd.SoakClient arg=fd00:7e8e::4 arg=36000 arg=10 arg=4 after=server,router
