#!/usr/bin/env python3
"""Seeds the fuzz targets' stored inputs from real traffic.

    ./packos run echo --clock virtual --pcap /tmp/echo.pcapng      (and httpd-check, pci, tcp, timer)
    .ci/fuzz-seeds.py /tmp/*.pcapng

Reads the captures `packos run --pcap` writes (pcapng: KAN packets as raw IPv6, the card's
frames as Ethernet) and writes a few of each kind, chosen to differ from one another, into the
Inputs directories that `mvn test` replays and `./fuzz` starts from: IPv6 packets, Ethernet
frames, TCP options, the control, timer, PCI and link messages inside them, and the HTTP
requests. Boot configs come from the images. Each file is named seed-<sha1>, so running it
again adds nothing twice.
"""
import hashlib, os, struct, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PER_KIND = 12

def inputs(module, cls, method):
    pkg, name = cls.rsplit('.', 1)
    return os.path.join(ROOT, module, 'src/test/resources', *pkg.split('.'), name + 'Inputs', method)

def write(directory, data):
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, 'seed-' + hashlib.sha1(data).hexdigest())
    if not os.path.exists(path):
        with open(path, 'wb') as f: f.write(data)

def packets(path):
    data = open(path, 'rb').read()
    off, links, endian = 0, [], '<'
    while off + 12 <= len(data):
        if data[off:off+4] == b'\x0a\x0d\x0d\x0a':
            endian = '<' if data[off+8:off+12] == b'\x4d\x3c\x2b\x1a' else '>'
        btype, blen = struct.unpack_from(endian + 'II', data, off)
        body = data[off+8:off+blen-4]
        if btype == 1:
            links.append(struct.unpack_from(endian + 'H', body, 0)[0])
        elif btype == 6:
            iface, _, _, cap, _ = struct.unpack_from(endian + 'IIIII', body, 0)
            yield links[iface], body[20:20+cap]
        off += blen

def upper(ip):
    """(protocol, offset) of the upper layer after any extension headers, or None."""
    if len(ip) < 40 or ip[0] >> 4 != 6: return None
    nh, off = ip[6], 40
    while nh in (0, 43, 60, 44) and off + 8 <= len(ip):
        nh, off = ip[off], off + (8 if nh == 44 else (ip[off+1] + 1) * 8)
    return nh, off

def pick(items, key):
    """At most PER_KIND items, the first of each distinct key, shortest first within a key."""
    chosen = {}
    for item in sorted(items, key=len):
        chosen.setdefault(key(item), item)
    return list(chosen.values())[:PER_KIND]

def main(paths):
    ipv6, frames, options = [], [], []
    streams = {}   # (src, sport, dst, dport) -> {seq: payload}
    udp = {}       # port -> [payloads]
    for path in paths:
        for linktype, pkt in packets(path):
            if linktype == 1:
                frames.append(pkt)
                continue
            ipv6.append(pkt)
            u = upper(pkt)
            if not u: continue
            proto, off = u
            if proto == 6 and off + 20 <= len(pkt):
                sport, dport, seq = struct.unpack_from('>HHI', pkt, off)
                hl = (pkt[off+12] >> 4) * 4
                if hl > 20: options.append(pkt[off+20:off+hl])
                data = pkt[off+hl:]
                if data: streams.setdefault((pkt[8:24], sport, pkt[24:40], dport), {})[seq] = data
            elif proto == 17 and off + 8 <= len(pkt):
                sport, dport = struct.unpack_from('>HH', pkt, off)
                udp.setdefault(('to', dport), []).append(pkt[off+8:])
                udp.setdefault(('from', sport), []).append(pkt[off+8:])

    def stream(port, to_port):
        out = []
        for (src, sport, dst, dport), segs in streams.items():
            if (dport if to_port else sport) == port:
                out.append(b''.join(segs[s] for s in sorted(segs)))
        return out

    def chunks(data, size):
        return [data[i:i+size] for i in range(0, len(data) - size + 1, size)]

    wire = ('lib', 'packos.lib.wire.Ipv6PacketFuzzTest', 'anyBytesAreACheckedPacketOrANamedRejection')
    for p in pick(ipv6, lambda p: (upper(p), p[40 + 0] if len(p) > 40 else 0, len(p) // 200)):
        write(inputs(*wire), b'\x00' + p)
        write(inputs(*wire), b'\x02' + p)
    for f in pick(frames, lambda f: (f[12:14], len(f) // 100)):
        write(inputs('lib', 'packos.lib.wire.EthernetFrameFuzzTest', 'aCheckedFrameWrittenAgainIsTheSameFrame'), f)
    # The echo wire's host gets a run of the frames the card sent: mode 0, a 2-byte length, the frame.
    echo = inputs('host', 'packos.host.echo.EchoWireFuzzTest', 'any_frames_are_answered_only_with_well_formed_frames')
    to_host = [f for f in frames if f[6:12] != bytes.fromhex('02ec40000001')]
    for f in pick(to_host, lambda f: (f[12:14], len(f) // 100)):
        write(echo, b'\x00' + struct.pack('>H', len(f)) + f)
    if to_host:
        write(echo, b''.join(b'\x10' + struct.pack('>H', len(f)) + f for f in to_host[:6]))
    for o in pick(options, lambda o: o):
        write(inputs('lib', 'packos.lib.wire.TcpOptionsFuzzTest', 'anyOptionBytesParseOrAreRefusedWithTheOptionNamed'), o)

    requests, replies = [], []
    for s in stream(4000, True): requests += chunks(s, 8)
    for s in stream(4000, False): replies += chunks(s, 12)
    control = 'packos.lib.sched.ControlMessageFuzzTest'
    for r in pick(requests, lambda r: r[2:4]): write(inputs('lib', control, 'aDecodedControlRequestEncodesBackToItsBytes'), r)
    for r in pick(replies, lambda r: r[2:4] + r[8:12]): write(inputs('lib', control, 'aDecodedControlReplyEncodesBackToItsBytes'), r)

    timer = 'packos.lib.timer.TimerMessageFuzzTest'
    for m in pick([m for m in udp.get(('to', 4000), []) if len(m) == 24], lambda m: m[2:4] + m[12:16]):
        forget = (m[2] << 8 | m[3]) == 4
        write(inputs('lib', timer, 'aDecodedForgetRequestEncodesBackToItsBytes' if forget
                     else 'aDecodedTimerRequestEncodesBackToItsBytes'), m)
    for m in pick([m for m in udp.get(('from', 4000), []) if len(m) == 24], lambda m: m[2:4] + m[12:16]):
        write(inputs('lib', timer, 'aDecodedTimerReplyEncodesBackToItsBytes'), m)

    pci = 'packos.lib.pci.PciMessageFuzzTest'
    pci_requests = [c for s in stream(2000, True) for c in chunks(s, 28)]
    pci_replies = [c for s in stream(2000, False) for c in chunks(s, 144)]
    for r in pick(pci_requests, lambda r: r[0:4]): write(inputs('lib', pci, 'aDecodedPciRequestEncodesBackToItsBytes'), r)
    for r in pick(pci_replies, lambda r: r[0:4] + r[8:12] + r[12:16]): write(inputs('lib', pci, 'aDecodedPciReplyEncodesBackToItsBytes'), r)

    for m in pick(udp.get(('to', 4100), []) + udp.get(('from', 4100), []), lambda m: (m[:1], len(m) // 200)):
        write(inputs('lib', 'packos.lib.link.LinkMessageFuzzTest', 'aDecodedLinkMessageEncodesBackToItsBytes'), m)

    # HTTP: each request head (and the curl request kept beside this script), as the parser's
    # FuzzedDataProvider reads it: the stream, then from the end the repeat count and the number of cuts.
    http = 'packos.samples.httpd.HttpParsersFuzzTest'
    heads = []
    for s in stream(80, True):
        heads += [h + b'\r\n\r\n' for h in s.split(b'\r\n\r\n') if h]
    extra = os.path.join(ROOT, '.ci', 'fuzz-seeds')
    for name in sorted(os.listdir(extra)) if os.path.isdir(extra) else []:
        if name.endswith('.http'): heads.append(open(os.path.join(extra, name), 'rb').read())
    for h in pick(heads, lambda h: (h.split(b' ', 1)[0], h.count(b'\n'), len(h) // 64)):
        write(inputs('samples', http, 'requests_read_the_same_however_the_stream_is_cut'), h + b'\x00\x00')
        target = h.split(b' ')[1] if h.count(b' ') >= 2 else b'/'
        write(inputs('samples', http, 'a_request_target_resolves_inside_the_docroot_or_is_refused'), target)
    answers = []
    for s in stream(80, False):
        at = s.find(b'HTTP/1.')
        while at >= 0 and len(answers) < 2000:
            answers.append(s[at:at+600])
            at = s.find(b'HTTP/1.', at + 1)
    for a in pick(answers, lambda a: (a[9:12], a.count(b'\r\n'))):
        write(inputs('samples', http, 'answers_read_the_same_however_the_stream_is_cut'), a + b'\x00' + b'\x00\x63' + b'\x00' * 8)

    for area in pir_tables():
        write(inputs('system', 'packos.system.pci.PirTableFuzzTest', 'the_bios_area_holds_a_table_both_readers_agree_on_or_none'), area)

    index = inputs('host', 'packos.host.codefs.CodeTreeIndexFuzzTest',
                   'any_text_is_an_index_that_renders_back_to_itself_or_an_error_naming_its_line')
    for top, _, files in os.walk(ROOT):
        if '/target' in top or '/.' in top: continue
        for name in files:
            if name.endswith('.index'): write(index, open(os.path.join(top, name), 'rb').read())
    paths = inputs('lib', 'packos.lib.fs.FilePathFuzzTest', 'anyStringIsAPathOfPlainNamesOrInvalid')
    for p in ('/', '', 'index.html', '/sub/page.html', 'sub/', '/a/b/c/', '//x', '/../etc/passwd', 'a/./b', 'na\\me', 'caf\u00e9/\u00fc'):
        write(paths, p.encode())

    boot = inputs('host', 'packos.host.config.BootConfigParserFuzzTest', 'any_text_is_a_config_or_an_error_naming_its_line')
    images = os.path.join(ROOT, 'samples/src/main/resources/packos/images')
    for name in sorted(os.listdir(images)):
        if name.endswith('.boot'): write(boot, open(os.path.join(images, name), 'rb').read())

def pir_tables():
    """BIOS areas holding a $PIR table like the machine's: the PIIX3 at 00:01.0 routing the slots' pins to links."""
    def table(slots):
        body = bytearray(32)
        body[0:4] = b'$PIR'
        struct.pack_into('<HH', body, 4, 0x0100, 32 + 16 * len(slots))
        body[8], body[9] = 0, 1 << 3
        struct.pack_into('<HHH', body, 10, 0x0e20, 0x8086, 0x7000)
        for bus, device, links in slots:
            entry = bytearray(16)
            entry[0], entry[1] = bus, device << 3
            for pin, link in enumerate(links):
                entry[2 + 3 * pin] = link
                struct.pack_into('<H', entry, 3 + 3 * pin, 0x0e20 if link else 0)
            entry[14] = device
            body += entry
        body[31] = -sum(body) & 0xff
        return bytes(body)
    one = table([(0, 3, [0x60, 0x61, 0x62, 0x63])])
    two = table([(0, 1, [0x60, 0, 0, 0]), (0, 3, [0x61, 0x62, 0x63, 0x60]), (0, 4, [0x62, 0x63, 0x60, 0x61])])
    return [one, bytes(16) + two, bytes(48) + one + b'$PIR' + bytes(12)]

if __name__ == '__main__':
    main(sys.argv[1:])
