# A TCP server on port 5100 greets each client, prints what it receives and acknowledges each line;
# two clients connect, exchange messages (one of 50,000 bytes, many segments) and close. The server
# reports itself initialised over the scheduler control protocol (TCP 4000), and the clients
# start only then.
image   name=tcp description="a TCP greeting server on port 5100 and two clients that talk to it and close"
machine cpus=1 clock=virtual hz=1000
process name=server program=packos.samples.tcp.GreetingServer daemon=yes reports-init=yes
process name=alice program=packos.samples.tcp.GreetingClient arg=fd00:7e8e::3 after=server
process name=bob program=packos.samples.tcp.GreetingClient arg=fd00:7e8e::3 after=server
