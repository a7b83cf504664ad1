# A 9P2000.L file server that Linux's 9P peers reach: while it runs, from the host,
#   diodls  -s localhost:5640 -a / code
#   diodcat -s localhost:5640 -a / code/foo.txt
# list and read the image's code tree, and data/ is a writable tree in the server's memory (a
# config file may mount a host directory there instead: mount=/data=dir:DIR, served only beneath
# it). The server exports its own namespace, as its process line mounts it: the program never
# touches host files, the host does, for it. ctl/ holds zero and null, as diod's ctl tree does,
# for diodload (-s localhost:5640, with -g for getattr). The card's cable is user-mode networking, which
# relays host port 5640 to the server's port 564 through the router and the driver.
#
# Addresses follow the order processes start in: pci ::3, fs ::4, driver ::5 (once pci reports),
# router ::6.
image   name=fileserver codefs=file description="a 9P2000.L file server on port 564 (code/ read-only, data/ writable), reached from Linux at localhost:5640"
machine cpus=1 clock=real hz=100 wire=user,hostfwd=tcp::5640-fs:564
kan     queue=256
process name=pci    program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes
process name=fs     program=packos.system.files.FileServer arg=564 mount=/code=code mount=/data=memory mount=/ctl=devices reports-init=yes restart=on-failure
process name=driver program=packos.system.nic.Rtl8139Driver arg=fd00:7e8e::3 caps=device:00:03.0,irq:11 queue=512 daemon=yes after=pci restart=on-failure
process name=router program=packos.system.router.Router arg=driver=fd00:7e8e::5 caps=forward queue=512 daemon=yes reports-init=yes after=driver restart=on-failure
