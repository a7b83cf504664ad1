# The original's PCI sample, working. The PCI service finds the BIOS's $PIR table, lists the bus
# with names and routes the card's INTA# to IRQ 11 through the PIIX3; once it reports itself
# initialised, the RTL8139 driver reserves the card through it, registers IRQ 11 and prints the
# MAC; then frames go out through the card and come back through a loopback plug in its socket,
# each one announced to the driver by the card's interrupt. No root needed.
image   name=pci description="PCI listing and IRQ routing; the RTL8139 driver sends frames and takes them back, IRQ-driven, through a loopback plug"
machine cpus=1 clock=virtual hz=100 wire=loopback
process name=pci program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes
process name=rtl8139 program=packos.system.nic.Rtl8139Driver caps=device:00:03.0,irq:11 daemon=yes after=pci arg=fd00:7e8e::3
process name=frames program=packos.samples.pci.FrameEcho after=pci arg=fd00:7e8e::4 arg=8
