// Draws the app icon and the tray icons (one shape per state) as PNG with nothing but node:zlib: `node build/make-icons.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

// --- PNG encoding (RGBA, 8 bits, no interlace) ---------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- Drawing: shapes in a unit square, 4×4 supersampled for smooth edges --------------------------
const ring = (r0, r1) => (x, y) => {
  const d = Math.hypot(x - 0.5, y - 0.5);
  return d >= r0 && d <= r1;
};
const disc = (r) => (x, y) => Math.hypot(x - 0.5, y - 0.5) <= r;
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);
// An arc gap at the top right: the "turning" ring of a check in progress.
const gap = (x, y) => x > 0.5 && y < 0.5 && Math.abs(x - 0.5) > Math.abs(y - 0.5) * 0.2;

/** One recognisable shape per state, so the black template images (macOS) differ without colour. */
const SHAPES = {
  idle: ring(0.3, 0.44),
  checking: minus(ring(0.3, 0.44), gap),
  'slots-found': union(ring(0.3, 0.44), disc(0.2)),
  'needs-attention': union(ring(0.36, 0.48), rect(0.44, 0.2, 0.56, 0.58), rect(0.44, 0.67, 0.56, 0.79)),
  paused: union(rect(0.28, 0.22, 0.42, 0.78), rect(0.58, 0.22, 0.72, 0.78)),
};
const COLOURS = {
  idle: [59, 110, 196],
  checking: [201, 139, 0],
  'slots-found': [26, 140, 74],
  'needs-attention': [200, 48, 48],
  paused: [120, 120, 120],
};

function draw(size, shape, [r, g, b], background) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let hits = 0;
      let bg = 0;
      for (let sy = 0; sy < n; sy += 1) {
        for (let sx = 0; sx < n; sx += 1) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          if (shape(x, y)) hits += 1;
          else if (background?.(x, y)) bg += 1;
        }
      }
      const i = (py * size + px) * 4;
      const cover = hits / (n * n);
      const bgCover = bg / (n * n);
      // Shape over a white background disc (app icon only), else over transparency.
      rgba[i] = Math.round(r * cover + 255 * bgCover);
      rgba[i + 1] = Math.round(g * cover + 255 * bgCover);
      rgba[i + 2] = Math.round(b * cover + 255 * bgCover);
      const alpha = cover + bgCover;
      if (alpha > 0) {
        rgba[i] = Math.round(rgba[i] / alpha);
        rgba[i + 1] = Math.round(rgba[i + 1] / alpha);
        rgba[i + 2] = Math.round(rgba[i + 2] / alpha);
      }
      rgba[i + 3] = Math.round(255 * alpha);
    }
  }
  return encodePng(size, rgba);
}

function write(path, png) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
}

for (const [state, shape] of Object.entries(SHAPES)) {
  const colour = COLOURS[state];
  // Windows (16 px at 100 %, @2x at 200 %) and Linux (32 px, @2x for HiDPI panels).
  for (const size of [16, 32]) {
    write(join(here, 'tray', `tray-${state}-${size}.png`), draw(size, shape, colour));
    write(join(here, 'tray', `tray-${state}-${size}@2x.png`), draw(size * 2, shape, colour));
  }
  // macOS: black + alpha "Template" images, 16 pt and @2x; the menu bar tints them for light and dark.
  write(join(here, 'tray', `tray-${state}Template.png`), draw(16, shape, [0, 0, 0]));
  write(join(here, 'tray', `tray-${state}Template@2x.png`), draw(32, shape, [0, 0, 0]));
}
// The app icon (electron-builder derives .ico and .icns from it): the "slots found" mark on a white disc.
write(join(here, 'icon.png'), draw(512, SHAPES['slots-found'], COLOURS.idle, disc(0.5)));
console.log('Icons written to build/ and build/tray/.');
