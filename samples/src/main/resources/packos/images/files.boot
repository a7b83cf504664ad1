# A process mounts the PackOS file server over the KAN with 9P2000.L and works its writable tree:
# files of 0 bytes to 1 MiB written in odd chunks, a rename, a directory made and removed, a
# listing, every byte read back and checked, and the refusals of the read-only code tree and of
# missing names. The server exports code/ (the image's code tree) and data/ (memory). In virtual
# time: the same run every time. Ends with one line from the check and status 0.
#
# Addresses follow the order processes start in: fs ::3, check ::4 (once fs reports).
image   name=files codefs=file description="a process mounts the 9P file server over the KAN, writes, renames, lists and reads back every byte"
machine cpus=1 clock=virtual hz=100
process name=fs    program=packos.system.files.FileServer arg=564 mount=/code=code mount=/data=memory daemon=yes reports-init=yes
process name=check program=packos.samples.files.FilesCheck arg=fd00:7e8e::3 after=fs
