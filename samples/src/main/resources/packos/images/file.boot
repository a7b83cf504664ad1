# The original's file sample: a process opens DumbFS at the host and reads foo.txt in 512-byte
# chunks through the router, the RTL8139 driver and the card, printing each chunk, until the end of
# the file. The card's cable is user-mode networking, whose built-in DumbFS server (dumbfs=, as
# QEMU's user network has tftp=) answers at [fd00:7e8f::1]:5002 inside the card's transmit, so the
# run is in virtual time and repeats exactly. In a built-in image dumbfs= names a built-in tree
# (file: foo.txt, "foo bar baz"), served as a writable copy in memory; a config file names a
# host directory instead, served only beneath it.
#
# Addresses follow the order processes start in: pci ::3, driver ::4 (once pci reports), router ::5,
# file ::6 (once the router reports its link up and its addresses unique).
image   name=file description="the original's file sample: DumbFS from the host, foo.txt in 512-byte chunks through router, driver and card, in virtual time"
machine cpus=1 clock=virtual hz=100 wire=user,dumbfs=file
process name=pci    program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes
process name=driver program=packos.system.nic.Rtl8139Driver arg=fd00:7e8e::3 caps=device:00:03.0,irq:11 daemon=yes after=pci
process name=router program=packos.system.router.Router arg=driver=fd00:7e8e::4 caps=forward daemon=yes reports-init=yes after=driver
process name=file   program=packos.samples.file.FileSample arg=fd00:7e8f::1 arg=foo.txt after=router
