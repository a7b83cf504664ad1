# Several timers from the timer service (UDP 4000): two repeating, two one-shots.
# In virtual time every tick lands exactly on its multiple of 10 ms; in real time, within the
# clock's precision.
image   name=timer description="repeating and one-shot timers printing each tick with the elapsed time"
machine cpus=1 clock=real hz=100
process name=timers program=packos.samples.timer.TimerDemo
