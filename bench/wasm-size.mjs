// Where the wasm's bytes go: section sizes, and the code by crate and by function, read from the
// name section of the wasm rustc made (before wasm-bindgen and wasm-opt, which drop the names;
// wasm-opt shrinks it further, so shares matter more than bytes). `node bench/wasm-size.mjs [file]`
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

const target = process.env.CARGO_TARGET_DIR ?? new URL('../target', import.meta.url).pathname;
const file = process.argv[2] ?? `${target}/wasm32-unknown-unknown/release/leadline.wasm`;
const bytes = await readFile(file);

let at = 8;
const leb = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return result;
  }
};
const name = () => {
  const length = leb();
  const text = bytes.subarray(at, at + length).toString('utf8');
  at += length;
  return text;
};

const SECTIONS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'];
const sections = {};
let imported = 0;
const bodies = [];
const names = new Map();
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const end = at + size;
  let label = SECTIONS[id] ?? `section ${id}`;
  if (id === 0) {
    const custom = name();
    label = `custom:${custom}`;
    if (custom === 'name') {
      while (at < end) {
        const sub = bytes[at++];
        const subSize = leb();
        const subEnd = at + subSize;
        if (sub === 1) {
          for (let n = leb(); n > 0; n -= 1) { const index = leb(); names.set(index, name()); }
        }
        at = subEnd;
      }
    }
  } else if (id === 2) {
    for (let n = leb(); n > 0; n -= 1) {
      name(); name();
      const kind = bytes[at++];
      if (kind === 0) { leb(); imported += 1; } else if (kind === 1) { at += 1; const flags = leb(); leb(); if (flags & 1) leb(); } else if (kind === 2) { const flags = leb(); leb(); if (flags & 1) leb(); } else if (kind === 3) { at += 2; }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n -= 1) { const length = leb(); bodies.push(length); at += length; }
  }
  sections[label] = (sections[label] ?? 0) + size;
  at = end;
}

const ESCAPES = { LT: '<', GT: '>', u20: ' ', C: ',', u7b: '{', u7d: '}', RF: '&', BP: '*', LP: '(', RP: ')', u27: "'", u5b: '[', u5d: ']', u3b: ';', u7e: '~', SP: '@' };

/// A legacy-mangled Rust name (`_ZN...E`) made readable, without its hash.
function demangle(symbol) {
  const body = symbol.match(/^_ZN(.*)E$/)?.[1];
  if (!body) return symbol;
  const parts = [];
  let rest = body;
  for (let m = rest.match(/^(\d+)/); m; m = rest.match(/^(\d+)/)) {
    const length = Number(m[1]);
    parts.push(rest.slice(m[1].length, m[1].length + length));
    rest = rest.slice(m[1].length + length);
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? '')) parts.pop();
  return parts
    .map((p) => p.replace(/^_(?=\$)/, '').replace(/\$([A-Za-z0-9]+)\$/g, (all, code) => ESCAPES[code] ?? all).replace(/\.\./g, '::'))
    .join('::');
}

/// Who a function's bytes count for: its crate (for `<T as Trait>`, T's), and for the app itself
/// its top module, since generic framework code made for the app's own types counts as the
/// framework's.
function crateOf(fname) {
  const plain = fname.replace(/^<+/, '').replace(/^&(mut )?/, '').replace(/^dyn /, '');
  const match = plain.match(/^([A-Za-z_][A-Za-z0-9_]*)::([A-Za-z_][A-Za-z0-9_]*)/);
  if (!match) return '(other)';
  return match[1] === 'leadline' ? `leadline::${match[2]}` : match[1];
}
const functions = bodies.map((size, i) => ({ size, name: demangle(names.get(imported + i) ?? `#${imported + i}`) }));
const byCrate = new Map();
for (const f of functions) byCrate.set(crateOf(f.name), (byCrate.get(crateOf(f.name)) ?? 0) + f.size);
const code = functions.reduce((sum, f) => sum + f.size, 0);
const pct = (n, of) => `${((100 * n) / of).toFixed(1)}%`;

console.log(`${file}: ${bytes.length} bytes, gzip ${gzipSync(bytes, { level: 9 }).length}; ${functions.length} functions, ${names.size} named`);
console.log('\nsections:');
for (const [label, size] of Object.entries(sections).sort((a, b) => b[1] - a[1])) console.log(`  ${String(size).padStart(9)}  ${pct(size, bytes.length).padStart(6)}  ${label}`);
console.log('\ncode by crate:');
for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${String(size).padStart(9)}  ${pct(size, code).padStart(6)}  ${crate}`);
console.log('\nlargest functions:');
for (const f of [...functions].sort((a, b) => b.size - a.size).slice(0, 30)) console.log(`  ${String(f.size).padStart(9)}  ${f.name.slice(0, 150)}`);
