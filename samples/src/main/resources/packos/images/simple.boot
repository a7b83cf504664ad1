# The original PackOS's first sample: a hand-written scheduler starts f("foo"), f("bar") and
# f("baz"), hands each its name in a raw KAN packet; each prints its progress and sends its name
# back in a UDP datagram to port 8000, where the scheduler prints it. Then everything ends.
image     name=simple description="three workers learn their names over the KAN and send them home by UDP"
machine   cpus=1 clock=virtual hz=100
scheduler program=packos.samples.simple.SimpleScheduler arg=foo arg=bar arg=baz
