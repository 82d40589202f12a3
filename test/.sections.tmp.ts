import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { layoutOf } from '/work/h-geo/src/classify/ip-format.ts';
for (const f of process.argv.slice(2)) {
  const b = readFileSync(f);
  const h = new DataView(b.buffer, b.byteOffset);
  const w = (i: number) => h.getUint32(4 * i, true);
  const kind = w(1) & 0xffff;
  const counts = { labels: w(2), v4: w(3), v6: w(4), exceptions: w(5), nameBytes: w(6) };
  console.log(f, counts);
  const groups = new Map<string, [number, number]>();
  for (const s of layoutOf(kind, counts).sections) {
    const bytes = b.subarray(s.offset, s.offset + s.length);
    const g = s.name.replace(/\d+$/, '');
    const cur = groups.get(g) ?? [0, 0];
    cur[0] += s.length; cur[1] += deflateRawSync(bytes, { level: 9 }).length;
    groups.set(g, cur);
  }
  for (const [g, [r, z]] of groups) console.log(`  ${g.padEnd(16)} ${(r/1024).toFixed(0).padStart(6)} KB raw ${(z/1024).toFixed(0).padStart(6)} KB defl`);
}
