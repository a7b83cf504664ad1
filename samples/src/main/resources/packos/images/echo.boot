# A process talks to a host beyond PackOS' router, in virtual time and without root. The card's
# cable ends at the echo wire's host (fd00:7e8f::1), which answers Neighbor Solicitations, pings and
# UDP port 7 inside the card's transmit. The PCI service routes the card's IRQ; the RTL8139 driver
# reserves the card through it; the router joins the KAN to the card's Ethernet and resolves the
# host by NDP; then the peer process sends 20 exchanges through router, driver and card, pings and
# UDP echoes in turn of 4 to 1452 bytes, checks each answer byte for byte, and the run ends.
# The same boot config gives the same run, byte for byte, every time (--pcap shows it).
#
# Addresses follow the order processes start in: pci ::3, driver ::4 (once pci reports), router ::5,
# peer ::6 (once the router reports its link up and its addresses unique).
image   name=echo description="a process pings and UDP-echoes a host beyond the router, through the RTL8139 driver and the echo wire, in virtual time"
machine cpus=1 clock=virtual hz=100 wire=echo
process name=pci    program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes
process name=driver program=packos.system.nic.Rtl8139Driver arg=fd00:7e8e::3 caps=device:00:03.0,irq:11 daemon=yes after=pci
process name=router program=packos.system.router.Router arg=driver=fd00:7e8e::4 caps=forward daemon=yes reports-init=yes after=driver
process name=peer   program=packos.samples.echo.EchoPeer arg=fd00:7e8f::1 arg=20 after=router
